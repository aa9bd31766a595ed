"""Dataset codecs: one registry, one module per format family."""
