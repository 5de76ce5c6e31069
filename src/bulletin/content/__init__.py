"""Content: from files on disk to validated, rendered-to-HTML issues."""
