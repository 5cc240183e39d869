"""The browser application: server-rendered pages (Chinese first, English selectable) over the store."""
