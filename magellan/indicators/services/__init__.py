"""The indicators app's services, one module per part."""
