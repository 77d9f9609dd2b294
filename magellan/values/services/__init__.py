"""The values app's services, one module per part."""
