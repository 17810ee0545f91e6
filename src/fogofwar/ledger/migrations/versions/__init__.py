"""One file per schema revision, oldest first (a package so that it is installed)."""
