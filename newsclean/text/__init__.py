"""Plain-text dumps: decoding bytes, splitting lines, metadata found in the lines."""
