"""The evaluation's forms, one module per part."""
