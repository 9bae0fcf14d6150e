"""The Textual face of reader. Import `reader.tui.app.ReaderApp`; nothing heavy is imported here."""
