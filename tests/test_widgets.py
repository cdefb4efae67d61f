"""Every date in every form is typed in a browser date input and rendered in ISO form, which is
the only value `<input type=date>` accepts (the language's 2008/05/12 shows as a blank field)."""

import datetime
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.utils import translation

import gonghui
from gonghui import widgets


def all_form_classes():
    classes = []
    for module_info in pkgutil.walk_packages(gonghui.__path__, "gonghui."):
        if not module_info.name.rsplit(".", 1)[-1].startswith("forms"):
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                classes.append(cls)
    return classes


def test_the_forms_are_found():
    names = {cls.__name__ for cls in all_form_classes()}
    assert {"PaymentForm", "ArchiveForm", "AuditFilterForm", "PersonForm"} <= names


@pytest.mark.parametrize("form_class", all_form_classes(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_date_field_uses_the_shared_iso_widget(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.DateTimeField):
            assert isinstance(field.widget, widgets.DateTimeInput), f"{form_class.__name__}.{name}"
        elif isinstance(field, forms.DateField):
            assert isinstance(field.widget, (widgets.DateInput, widgets.MonthInput)), (
                f"{form_class.__name__}.{name}"
            )


def test_a_date_renders_iso_in_chinese_whatever_the_language_formats_say():
    with translation.override("zh-hans"):
        html = widgets.DateInput().render("on", datetime.date(2008, 5, 12))
        month = widgets.MonthInput().render("month", datetime.date(2008, 5, 1))
        moment = widgets.DateTimeInput().render("at", datetime.datetime(2008, 5, 12, 9, 30))
    assert 'type="date"' in html and 'value="2008-05-12"' in html
    assert 'type="month"' in month and 'value="2008-05"' in month
    assert 'type="datetime-local"' in moment and 'value="2008-05-12T09:30"' in moment


@pytest.mark.parametrize("form_class", all_form_classes(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_multiple_record_choice_refuses_ids_beyond_the_database(form_class):
    from gonghui.formfields import ModelMultipleChoiceField

    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ModelMultipleChoiceField):
            assert isinstance(field, ModelMultipleChoiceField), f"{form_class.__name__}.{name}"
