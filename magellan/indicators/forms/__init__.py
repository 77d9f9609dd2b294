"""The indicators app's forms, one module per part."""
