"""The values app's views, one module per part."""
