"""Every number opens the comments behind it: /policies/<slug>/summary/comments."""

from flask import abort, render_template, request
from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from engage.board.blueprint import bp
from engage.board.counting import GENERAL, NO_NEIGHBORHOOD, NO_STANCE, UNKNOWN_LANGUAGE
from engage.board.drilldown import (
    ANSWERED,
    MAX_ID,
    UNANSWERED,
    DrilldownError,
    Facet,
    comments,
    parse,
)
from engage.board.models import Summary, SummaryVersion, Theme
from engage.comments.forms import STANCE_TAGS
from engage.extensions import db
from engage.formatting import language_name
from engage.permissions import public
from engage.policies.models import CommentPeriod, Policy
from engage.policies.sections import section_title
from engage.web import page_number

CHANNELS = {
    "web": lambda n: ngettext(
        "%(num)d comment made on this site", "%(num)d comments made on this site", n
    ),
    "email": lambda n: ngettext(
        "%(num)d comment received by email", "%(num)d comments received by email", n
    ),
    "letter": lambda n: ngettext(
        "%(num)d comment received by letter", "%(num)d comments received by letter", n
    ),
    "phone": lambda n: ngettext(
        "%(num)d comment received by phone", "%(num)d comments received by phone", n
    ),
    "meeting": lambda n: ngettext(
        "%(num)d comment made at a public meeting", "%(num)d comments made at a public meeting", n
    ),
}


@bp.route("/policies/<slug>/summary/comments")
@public
def drilldown(slug: str):
    """The comments behind one number of a policy's summary, paginated."""
    policy = db.first_or_404(db.select(Policy).where(Policy.slug == slug))
    summary = _summary(policy)
    try:
        facet = parse(request.args, summary)
    except DrilldownError:
        abort(400)
    pager = comments(summary, facet, page_number())
    theme = db.session.get(Theme, facet.ident) if facet.name == "theme" else None
    return render_template(
        "board/drilldown.html",
        policy=policy,
        summary=summary,
        facet=facet,
        pager=pager,
        heading=describe(facet, pager.total, theme),
    )


def _summary(policy: Policy) -> Summary:
    """`?summary=<id>` (one of the policy's), else the summary last sent to the board, else
    the summary of the policy's latest period."""
    wanted = request.args.get("summary", "")
    if wanted:
        if not wanted.isdigit() or not wanted.isascii() or int(wanted) > MAX_ID:
            abort(400)
        summary = db.session.get(Summary, int(wanted))
        if summary is None or summary.policy_id != policy.id:
            abort(404)
        return summary
    sent = db.session.scalar(
        db.select(Summary)
        .join(SummaryVersion, SummaryVersion.summary_id == Summary.id)
        .where(Summary.policy_id == policy.id)
        .order_by(SummaryVersion.sent_at.desc(), Summary.id.desc())
        .limit(1)
    )
    latest = sent or db.session.scalar(
        db.select(Summary)
        .join(CommentPeriod, CommentPeriod.id == Summary.period_id)
        .where(Summary.policy_id == policy.id)
        .order_by(CommentPeriod.opens_at.desc())
        .limit(1)
    )
    if latest is None:
        abort(404)
    return latest


def describe(facet: Facet, number: int, theme: Theme | None = None) -> str:
    """What the list holds and how many, as the page's heading."""
    heading = _describe_facet(facet, number, theme)
    if facet.stance:
        stance = _("no stance given") if facet.stance == NO_STANCE else STANCE_TAGS[facet.stance]
        heading = _("%(list)s, marked “%(stance)s”", list=heading, stance=stance)
    return heading


def _describe_facet(facet: Facet, n: int, theme: Theme | None) -> str:  # noqa: C901 - one case per facet
    value = facet.value
    match facet.name:
        case "stance" if value == NO_STANCE:
            return ngettext(
                "%(num)d comment with no stance given", "%(num)d comments with no stance given", n
            )
        case "stance":
            return ngettext(
                "%(num)d comment marked “%(stance)s”",
                "%(num)d comments marked “%(stance)s”",
                n,
                stance=STANCE_TAGS[value],
            )
        case "section" if value == GENERAL:
            return ngettext(
                "%(num)d comment on the policy as a whole",
                "%(num)d comments on the policy as a whole",
                n,
            )
        case "section":
            return ngettext(
                "%(num)d comment on “%(section)s”",
                "%(num)d comments on “%(section)s”",
                n,
                section=section_title(value),
            )
        case "neighborhood" if value == NO_NEIGHBORHOOD:
            return ngettext(
                "%(num)d comment without a neighborhood",
                "%(num)d comments without a neighborhood",
                n,
            )
        case "neighborhood":
            return ngettext(
                "%(num)d comment from %(place)s", "%(num)d comments from %(place)s", n, place=value
            )
        case "channel":
            return CHANNELS[value](n)
        case "language" if value == UNKNOWN_LANGUAGE:
            return ngettext(
                "%(num)d comment in a language not recorded",
                "%(num)d comments in a language not recorded",
                n,
            )
        case "language":
            return ngettext(
                "%(num)d comment in %(language)s",
                "%(num)d comments in %(language)s",
                n,
                language=language_name(value),
            )
        case "day":
            return ngettext(
                "%(num)d comment received on %(day)s",
                "%(num)d comments received on %(day)s",
                n,
                day=format_date(facet.day, "full"),
            )
        case "campaign":
            return ngettext(
                "%(num)d copy of one campaign's letter",
                "%(num)d copies of one campaign's letter",
                n,
            )
        case "theme":
            name = theme.name if theme else value
            return ngettext(
                "%(num)d comment about “%(theme)s”",
                "%(num)d comments about “%(theme)s”",
                n,
                theme=name,
            )
        case "replies":
            return ngettext("%(num)d reply", "%(num)d replies", n)
        case "official":
            return ngettext(
                "%(num)d official response from the city",
                "%(num)d official responses from the city",
                n,
            )
        case "questions" if value == ANSWERED:
            return ngettext(
                "%(num)d question the city answered", "%(num)d questions the city answered", n
            )
        case "questions" if value == UNANSWERED:
            return ngettext(
                "%(num)d question the city has not answered",
                "%(num)d questions the city has not answered",
                n,
            )
        case "questions":
            return ngettext("%(num)d question", "%(num)d questions", n)
        case "individual":
            return ngettext(
                "%(num)d individual comment (not part of a campaign)",
                "%(num)d individual comments (not part of a campaign)",
                n,
            )
    return ngettext("%(num)d comment", "%(num)d comments", n)
