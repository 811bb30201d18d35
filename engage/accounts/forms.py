"""Account forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length, Optional

from engage.formatting import neighborhood_options
from engage.forms import EngageForm, strip_filter
from engage.reference import languages

PASSWORD_MIN = 10


def neighborhood_choices():
    return [("", _l("— Not saying —")), *neighborhood_options()]


def language_choices():
    own_names = ((lang.code, lang.native_name) for lang in languages())
    return [("", _l("— Follow my browser —")), *own_names]


class RegisterForm(EngageForm):
    email = EmailField(
        _l("Email address"),
        filters=[strip_filter],
        validators=[
            InputRequired(),
            Email(message=_l("Enter an email address like name@example.com.")),
            Length(max=320),
        ],
    )
    display_name = StringField(
        _l("Public name"),
        filters=[strip_filter],
        validators=[InputRequired(), Length(min=2, max=80)],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            InputRequired(),
            Length(
                min=PASSWORD_MIN,
                max=200,
                message=_l("Use at least %(n)d characters.", n=PASSWORD_MIN),
            ),
        ],
    )
    confirm = PasswordField(
        _l("Type the password again"),
        validators=[InputRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class LoginForm(EngageForm):
    email = EmailField(
        _l("Email address"), filters=[strip_filter], validators=[InputRequired(), Length(max=320)]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me signed in on this device"))


class ForgotPasswordForm(EngageForm):
    email = EmailField(
        _l("Email address"),
        filters=[strip_filter],
        validators=[
            InputRequired(),
            Email(message=_l("Enter an email address like name@example.com.")),
            Length(max=320),
        ],
    )


class ResetPasswordForm(EngageForm):
    password = RegisterForm.password
    confirm = RegisterForm.confirm


class ProfileForm(EngageForm):
    display_name = StringField(
        _l("Public name"),
        filters=[strip_filter],
        validators=[InputRequired(), Length(min=2, max=80)],
    )
    neighborhood = SelectField(
        _l("Neighborhood"), choices=neighborhood_choices, validators=[Optional()]
    )
    preferred_language = SelectField(
        _l("Preferred language"), choices=language_choices, validators=[Optional()]
    )


class DeleteAccountForm(EngageForm):
    password = PasswordField(_l("Your password"), validators=[InputRequired(), Length(max=200)])
