"""Magellan: the platform of the EIG support program."""
