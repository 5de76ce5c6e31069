"""The pipeline: issues read, products made only where their keys changed, files to a sink."""
