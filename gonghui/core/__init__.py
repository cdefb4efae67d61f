"""Building blocks every area uses: the working-day calendar, formats, official documents.

No models and no views of its own: an area imports what it needs from here instead of writing
a second version in its app.
"""
