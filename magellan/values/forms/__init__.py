"""The values app's forms, one module per part."""
