"""A plugin whose import fails: it must not break `import textbook_gym`."""

raise ImportError("this plugin is broken on purpose")
