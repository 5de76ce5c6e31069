"""CMS: the web editor at /admin/, its form made from bulletin's own models."""
