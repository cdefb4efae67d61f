"""Form widgets every app uses, so that a rule about how a field is typed lives in one place.

Dates: a browser's ``<input type=date>`` accepts only ISO values (2008-05-12). Django would
render the active language's format (zh-hans: 2008/05/12), which the browser rejects and shows
as blank, so every date, month and date-time input here renders ISO whatever the language.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_MONTH = "%Y-%m"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or ISO_DATE)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or ISO_MONTH)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or ISO_DATETIME)
