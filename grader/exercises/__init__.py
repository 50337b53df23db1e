"""The exercise catalogue: content folders described by their info.yaml."""
