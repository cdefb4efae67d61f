"""Building blocks every area uses: the working-day calendar, formats, official documents, view plumbing.

An app (label ``core``) with one model, the calendar's ``Holiday`` table, and no pages of its
own: an area imports what it needs from here instead of writing a second version in its app.
"""
