"""The indicators app's views, one module per part."""
