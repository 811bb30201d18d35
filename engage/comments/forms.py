"""The comment form: a top-level comment on a policy, or a reply to a comment."""

import re
import secrets

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from engage.comments.language import comment_language
from engage.comments.models import Stance
from engage.comments.services.posting import MAX_LENGTH, CommentData
from engage.formatting import neighborhood_options
from engage.forms import EngageForm
from engage.policies.sections import section_title
from engage.reference import language_codes, languages

STANCE_CHOICES = {
    Stance.SUPPORT: _l("I support it"),
    Stance.OPPOSE: _l("I oppose it"),
    Stance.CONCERNS: _l("I have concerns"),
    Stance.QUESTION: _l("I have a question"),
    Stance.NEUTRAL: _l("Neutral: I want to add information"),
}
# How the thread names each stance (a word, never colour alone).
STANCE_TAGS = {
    Stance.SUPPORT: _l("Supports"),
    Stance.OPPOSE: _l("Opposes"),
    Stance.CONCERNS: _l("Concerns"),
    Stance.QUESTION: _l("Question"),
    Stance.NEUTRAL: _l("Neutral"),
}

PARENT_MESSAGE = _l("The comment you are replying to is not part of this policy.")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_MAX_ID = 2**31 - 1
# What a draft keeps while its author signs in (form field → session key).
DRAFT_FIELDS = (
    "body",
    "stance",
    "section_key",
    "language",
    "show_name",
    "neighborhood",
    "parent_id",
    "token",
)


def new_token() -> str:
    """A fresh idempotency token: one per rendered form, so a resubmission is recognised."""
    return secrets.token_urlsafe(16)


def _parent_id(form, field) -> None:
    value = (field.data or "").strip()
    if value and not (value.isdigit() and 0 < int(value) <= _MAX_ID):
        raise ValidationError(PARENT_MESSAGE)


def _language(form, field) -> None:
    if field.data and field.data not in language_codes():
        raise ValidationError(_l("Choose a language from the list."))


def _token(form, field) -> None:
    if field.data and not _TOKEN.match(field.data):
        field.data = new_token()  # a mangled token: treat the form as new rather than refuse it


class CommentForm(EngageForm):
    """Lengths and choices are the posting service's to judge (it normalises the text first);
    the form only makes sure what reaches it has the right type."""

    # No maxlength attribute: it would cut a pasted comment short without a word. The counter
    # shows what is over, and the service refuses it and keeps the text.
    BODY_LIMIT = MAX_LENGTH
    body = TextAreaField(_l("Your comment"), render_kw={"rows": 8})
    stance = RadioField(
        _l("Your position on this policy"),
        choices=[
            SelectChoice("", _l("I'd rather not say")),
            *(SelectChoice(str(value), label) for value, label in STANCE_CHOICES.items()),
        ],
        default="",
        validate_choice=False,
        validators=[Optional()],
    )
    section_key = SelectField(
        _l("Which part of the policy is your comment about?"),
        validate_choice=False,
        default="",
    )
    language = SelectField(
        _l("The language you wrote in"), validate_choice=False, default="", validators=[_language]
    )
    show_name = BooleanField(_l("Show my public name with my comment"), default=True)
    neighborhood = SelectField(_l("Your neighborhood"), validate_choice=False, default="")
    official = BooleanField(_l("Post as the city's official response"))
    parent_id = HiddenField(validators=[_parent_id])
    token = HiddenField(default=new_token, validators=[_token])

    def offer(self, sections) -> "CommentForm":
        """Set the select options: this version's sections and the city's neighborhoods."""
        self.section_key.choices = [SelectChoice("", _l("The whole policy"))] + [
            SelectChoice(section.key, section_title(section.key)) for section in sections
        ]
        self.language.choices = [SelectChoice("", _l("Find it from my text"))] + [
            SelectChoice(lang.code, lang.native_name, render_kw={"lang": lang.code})
            for lang in languages()
        ]
        self.neighborhood.choices = [SelectChoice("", _l("Don't show a neighborhood"))] + [
            SelectChoice(name, label) for name, label in neighborhood_options()
        ]
        return self

    @property
    def is_reply(self) -> bool:
        return bool(self.parent_id.data)

    def comment_data(self, page_language: str) -> CommentData:
        """What the posting service needs, from what was submitted. The comment's language
        is the author's choice, else found from the text, else the page's."""
        parent = (self.parent_id.data or "").strip()
        return CommentData(
            body=self.body.data or "",
            stance=self.stance.data or None,
            section_key=self.section_key.data or None,
            parent_id=int(parent) if parent else None,
            show_name=bool(self.show_name.data),
            neighborhood=self.neighborhood.data or None,
            idempotency_key=self.token.data or None,
            language=comment_language(self.language.data, self.body.data or "", page_language),
        )

    def draft(self) -> dict:
        """The typed comment, to keep in the session while its author signs in."""
        return {name: self[name].data for name in DRAFT_FIELDS}

    def restore(self, draft: dict) -> None:
        """Fill the form with a kept draft."""
        for name in DRAFT_FIELDS:
            if name in draft:
                self[name].data = draft[name]
