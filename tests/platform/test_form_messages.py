"""WTForms' own messages ("This field is required." ...) come from our catalogs, so they are in
every language of the city, also those WTForms has no translation for."""

import inspect
import pkgutil
from importlib import import_module

import pytest
from flask_babel import force_locale
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length

import engage
from engage.forms import EngageForm


class Sample(EngageForm):
    class Meta:
        csrf = False

    name = StringField("Name", validators=[DataRequired(), Length(max=3)])
    count = IntegerField("Count")


def errors(app, lang: str, **data) -> dict:
    with (
        app.test_request_context("/", method="POST", data=data),
        force_locale(lang.replace("-", "_")),
    ):
        form = Sample()
        form.validate()
        return form.errors


def test_english_is_wtforms_own(app):
    found = errors(app, "en", name="abcdef", count="many")
    assert found["name"] == ["Field cannot be longer than 3 characters."]
    assert found["count"] == ["Not a valid integer value."]


@pytest.mark.parametrize("lang", ["es", "ar", "ht", "kea", "so", "vi", "zh-Hans"])
def test_the_messages_follow_the_page_language(app, lang):
    found = errors(app, lang, name="abcdef", count="many")
    english = errors(app, "en", name="abcdef", count="many")
    assert found["name"] != english["name"] and "3" in found["name"][0]
    assert found["count"] != english["count"]
    assert errors(app, lang)["name"][0] != "This field is required."


def test_every_form_of_the_site_is_an_engage_form():
    """A form built on FlaskForm directly would speak WTForms' English to half the city."""
    plain = []
    for module in pkgutil.walk_packages(engage.__path__, "engage."):
        if module.name.endswith(("wsgi", "__main__")):
            continue
        for _, cls in inspect.getmembers(import_module(module.name), inspect.isclass):
            ours = issubclass(cls, FlaskForm) and cls.__module__.startswith("engage")
            if ours and not issubclass(cls, EngageForm):
                plain.append(f"{cls.__module__}.{cls.__name__}")
    assert not plain
