"""New sites, new federations and new content files from the bundled skeletons."""
