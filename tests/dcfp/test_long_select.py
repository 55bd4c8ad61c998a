"""LongSelect writes the same select as Django's own widget, in one pass."""

import pytest
from django import forms
from django.test.html import parse_html

from dcfp.forms import LongSelect
from dcfp.models import Organisation
from dcfp.services import organisation_create

CHOICES = [("", "Any agency"), ("1", "Devon & Cornwall <Police>"), ("2", 'Exe Valley "Primary"')]


@pytest.mark.parametrize("value", [None, "", "2", 2])
def test_it_renders_what_djangos_select_renders(value):
    attrs = {"id": "id_organisation", "aria-describedby": "organisation-error"}
    ours = LongSelect(attrs={"class": "govuk-select"}, choices=CHOICES).render("organisation", value, attrs)
    django = forms.Select(attrs={"class": "govuk-select"}, choices=CHOICES).render("organisation", value, attrs)
    assert parse_html(ours) == parse_html(django)


def test_labels_are_text_never_markup():
    html = LongSelect(choices=CHOICES).render("organisation", None)
    assert "&lt;Police&gt;" in html
    assert "<Police>" not in html


@pytest.mark.django_db
def test_a_model_choice_field_marks_the_chosen_organisation(django_assert_num_queries):
    first = organisation_create(name="A first agency", kind=Organisation.Kind.OTHER)
    organisation_create(name="B second agency", kind=Organisation.Kind.OTHER)
    field = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"), widget=LongSelect)
    with django_assert_num_queries(1):
        html = field.widget.render("organisation", first.pk)
    assert f'<option value="{first.pk}" selected>A first agency</option>' in html
