"""Everything EchoUploader does, without Qt: usable from the CLI, the GUI and tests."""
