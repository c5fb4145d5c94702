"""Budget books in: the readers of a book's text and of long tables, and the import plan."""
