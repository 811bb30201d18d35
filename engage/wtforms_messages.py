"""WTForms' own messages ("This field is required." ...), listed so `make messages` puts them in
our catalogs: WTForms ships translations for only some of the city's languages, and none for
Haitian Creole, Kabuverdianu, Somali or Vietnamese. `engage.forms.EngageForm` reads them from
our catalogs. The ids must match WTForms' exactly (wtforms/locale/wtforms.pot).

The functions below are extraction markers only; nothing calls this module at run time.
"""


def gettext(message: str) -> str:
    return message


def ngettext(singular: str, plural: str, n: int = 1) -> str:
    return singular if n == 1 else plural


MESSAGES = (
    gettext("Field must be equal to %(other_name)s."),
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
    ),
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
    ),
    ngettext(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
    ),
    gettext("Field must be between %(min)d and %(max)d characters long."),
    gettext("Number must be at least %(min)s."),
    gettext("Number must be at most %(max)s."),
    gettext("Number must be between %(min)s and %(max)s."),
    gettext("Date must be at least %(min)s."),
    gettext("Date must be at most %(max)s."),
    gettext("Date must be between %(min)s and %(max)s."),
    gettext("This field is required."),
    gettext("Invalid input."),
    gettext("Invalid email address."),
    gettext("Invalid URL."),
    gettext("Invalid value, must be one of: %(values)s."),
    gettext("Invalid value, can't be any of: %(values)s."),
    gettext("This field cannot be edited."),
    gettext("This field is disabled and cannot have a value."),
    gettext("Invalid CSRF Token."),
    gettext("CSRF token missing."),
    gettext("CSRF failed."),
    gettext("CSRF token expired."),
    gettext("Invalid Choice: could not coerce."),
    gettext("Not a valid choice."),
    gettext("Invalid choice(s): one or more data inputs could not be coerced."),
    ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
    ),
    gettext("Not a valid datetime value."),
    gettext("Not a valid date value."),
    gettext("Not a valid time value."),
    gettext("Not a valid week value."),
    gettext("Not a valid integer value."),
    gettext("Not a valid decimal value."),
    gettext("Not a valid float value."),
)
