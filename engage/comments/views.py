"""Reading and posting comments: the thread on a policy page, permalinks, the comment form.

The form posts to /policies/<slug>/comments. A refused submission shows the page it came
from again (the policy page, or the permalink for a reply) with the text kept; a signed-out
visitor's comment waits in the session while they sign in or register.
"""

from dataclasses import dataclass, field

from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask import render_template as render
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from engage.comments import fragments, queries
from engage.comments.forms import PARENT_MESSAGE, STANCE_TAGS, CommentForm
from engage.comments.models import Channel, Comment, CommentStatus
from engage.comments.services import CommentError, commenting_state, post_comment
from engage.comments.services.follows import is_following
from engage.comments.services.posting import CommentingState, _body
from engage.extensions import csrf, db
from engage.forms import show_refusal
from engage.i18n import select_language
from engage.permissions import can, ensure, guarded, public
from engage.policies.models import Policy
from engage.reference import neighborhoods
from engage.web import page_number

bp = Blueprint("comments", __name__)

DRAFT_KEY = "comment_draft"
# A signed cookie holds the session: keep it under the 4 KB browsers accept.
SESSION_BUDGET = 3800
ACCEPTING = (CommentingState.OPEN, CommentingState.LATE)
CHANNEL_LABELS = {
    Channel.EMAIL: _l("Received by email"),
    Channel.LETTER: _l("Received by letter"),
    Channel.PHONE: _l("Received by phone"),
    Channel.MEETING: _l("Received at a public meeting"),
}


@dataclass
class ThreadView:
    """Everything the comment partials show, whichever page they are on."""

    form: CommentForm
    state: CommentingState
    period: object = None
    counts: queries.ThreadCounts | None = None
    filters: queries.ThreadFilters | None = None
    page: queries.ThreadPage | None = None
    endorsed: set[int] = field(default_factory=set)
    flagged: set[int] = field(default_factory=set)
    following: bool = False
    preview: str | None = None
    notice: str | None = None  # "restored": a draft kept through sign-in is back in the form
    problem: str | None = None  # the code of the CommentError that refused the submission
    listing: object = None  # the policy page's list of conversations (comments/fragments.py)
    action_markers: bool = False  # render a marker where each comment's actions go

    def page_args(self, number: int) -> dict:
        """The query string of another page of the thread, its filters kept."""
        filters = self.filters or queries.ThreadFilters()
        chosen = {"sort": filters.sort if filters.sort != queries.Sort.OLDEST else ""}
        chosen |= {"stance": filters.stance, "section": filters.section}
        return {k: v for k, v in chosen.items() if v} | ({"page": number} if number > 1 else {})

    @property
    def filtered(self) -> bool:
        return bool(self.filters and (self.filters.stance or self.filters.section))

    @property
    def accepting(self) -> bool:
        return self.state in ACCEPTING

    def marks(self, comment: Comment) -> dict:
        """The viewer's relation to a comment, for comments/_actions.html."""
        return {
            "endorsed": comment.id in self.endorsed,
            "flagged": comment.id in self.flagged,
            "can_reply": self.accepting and comment.status == CommentStatus.PUBLISHED,
        }


# Template helpers ---------------------------------------------------------------------------


@bp.app_template_global()
def stance_tag(stance: str | None) -> str:
    return str(STANCE_TAGS.get(stance, "")) if stance else ""


@bp.app_template_global()
def channel_label(channel: str) -> str:
    return str(CHANNEL_LABELS.get(channel, ""))


# The thread on the policy page ----------------------------------------------------------------


def _sections(period) -> list:
    """The sections people can comment on: those of the version the period is about."""
    return list(period.version.sections) if period is not None else []


def _viewer():
    return current_user if current_user.is_authenticated else None


def _draft_for(policy: Policy, parent_id: int | None = None) -> dict | None:
    draft = session.get(DRAFT_KEY)
    if not draft or draft.get("policy") != policy.id:
        return None
    kept_parent = draft.get("parent_id") or None
    return draft if str(kept_parent or "") == str(parent_id or "") else None


def _new_form(policy: Policy, sections, parent: Comment | None = None) -> CommentForm:
    """A blank form (or the draft kept through sign-in), with a fresh idempotency token."""
    form = CommentForm(formdata=None).offer(sections)
    viewer = _viewer()
    if viewer is not None and viewer.neighborhood in neighborhoods():
        form.neighborhood.data = viewer.neighborhood
    if parent is not None:
        form.parent_id.data = str(parent.id)
    elif request.args.get("comment_on") in {s.key for s in sections}:
        form.section_key.data = request.args["comment_on"]
    draft = _draft_for(policy, parent.id if parent else None)
    if draft:
        form.restore(draft)
    return form


def comment_thread(policy: Policy, form=None, preview=None, problem=None) -> dict:
    """What the policy page's thread block shows: counts, filters, a page of threads, the form."""
    state, period = commenting_state(policy)
    sections = _sections(period)
    counts = fragments.counts(policy)
    version_keys = {s.key for s in policy.current_version.sections} if policy.versions else set()
    filters = queries.ThreadFilters.from_args(request.args, version_keys | set(counts.by_section))
    restored = form is None and _draft_for(policy) is not None
    view = ThreadView(
        form=form or _new_form(policy, sections),
        state=state,
        period=period,
        counts=counts,
        filters=filters,
        following=is_following(_viewer(), policy),
        preview=preview,
        notice="restored" if restored else None,
        problem=problem,
    )
    shared = fragments.listing(policy, view, page_number())
    view.endorsed = queries.endorsed_by(_viewer(), shared.ids)
    view.flagged = queries.flagged_by(_viewer(), shared.ids)
    view.listing = fragments.fill(shared, view)
    return {"thread": view}


# Permalinks ---------------------------------------------------------------------------------


def _is_author(comment: Comment) -> bool:
    # The author-only permission that never expires: only the author may see their own
    # held comment and their receipt.
    return can(current_user, "comment:withdraw", comment)


def _load_visible(comment_id: int) -> Comment:
    comment = db.get_or_404(Comment, comment_id)
    if comment.status in (CommentStatus.HELD, CommentStatus.SPAM) and not _is_author(comment):
        abort(404)
    return comment


def _permalink_page(comment: Comment, form=None, preview=None, problem=None):
    policy = comment.policy
    state, period = commenting_state(policy)
    root = queries.conversation(comment)
    ids = [c.id for c in queries.thread_comments(root)]
    view = ThreadView(
        form=form or _new_form(policy, _sections(period), parent=comment),
        state=state,
        period=period,
        endorsed=queries.endorsed_by(_viewer(), ids),
        flagged=queries.flagged_by(_viewer(), ids),
        preview=preview,
        notice="restored" if form is None and _draft_for(policy, comment.id) else None,
        problem=problem,
    )
    return render(
        "comments/permalink.html",
        comment=comment,
        policy=policy,
        root=root,
        thread=view,
        can_reply=view.accepting and comment.status == CommentStatus.PUBLISHED,
    )


@bp.route("/comments/<int:comment_id>")
@public
def permalink(comment_id: int):
    return _permalink_page(_load_visible(comment_id))


# Posting ------------------------------------------------------------------------------------


def _load_policy(slug: str) -> Policy:
    return db.first_or_404(db.select(Policy).where(Policy.slug == slug))


def _reply_target(policy: Policy, form: CommentForm) -> Comment | None:
    """The comment a reply form belongs to, when it is one of this policy's."""
    value = (form.parent_id.data or "").strip()
    if form.parent_id.errors or not value.isdigit():
        return None
    parent = db.session.get(Comment, int(value))
    if parent is None or parent.policy_id != policy.id:
        return None
    if parent.status in (CommentStatus.HELD, CommentStatus.SPAM) and not _is_author(parent):
        return None
    return parent


def _again(policy: Policy, form: CommentForm, status: int, preview=None, problem=None):
    """Show the form again where it was, with what was typed and what went wrong."""
    parent = _reply_target(policy, form)
    if parent is not None:
        return _permalink_page(parent, form, preview, problem), status
    if form.parent_id.data:
        # Not a reply we can show: say so once, and let the text go in as a new comment.
        if not form.form_errors:
            form.form_errors.append(str(PARENT_MESSAGE))
        form.parent_id.errors, form.parent_id.data = [], ""
    from engage.policies.views import policy_page  # imported here: that module imports this one

    return policy_page(policy, form=form, preview=preview, problem=problem), status


def _form_url(policy: Policy, form: CommentForm) -> str:
    parent = _reply_target(policy, form)
    if parent is not None:
        return url_for(".permalink", comment_id=parent.id) + "#reply"
    return url_for("policies.detail", slug=policy.slug) + "#comment-form"


def _keep_draft(policy: Policy, form: CommentForm) -> bool:
    """Keep the typed comment in the session, if the session cookie can carry it."""
    draft = {"policy": policy.id, **form.draft()}
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    if len(serializer.dumps({**session, DRAFT_KEY: draft})) > SESSION_BUDGET:
        return False
    session[DRAFT_KEY] = draft
    return True


def _forget_draft() -> None:
    session.pop(DRAFT_KEY, None)


def _sign_in_first(policy: Policy, form: CommentForm):
    """Signed out: keep the comment, ask them to sign in, bring them back to it."""
    state, _period = commenting_state(policy)
    if state not in ACCEPTING:
        form.form_errors.append(_("This policy is not taking comments now."))
        return _again(policy, form, 400)
    if not _keep_draft(policy, form):
        return _again(policy, form, 200, problem="too_long_to_keep")
    flash(
        _(
            "Sign in or create an account to post your comment. "
            "We kept what you wrote: it will be waiting for you."
        ),
        "info",
    )
    return redirect(url_for("accounts.login", next=_form_url(policy, form)))


def _refused(policy: Policy, form: CommentForm, error: CommentError):
    show_refusal(form, error)
    if error.code == "unconfirmed" and _keep_draft(policy, form):
        session["after_confirm"] = _form_url(policy, form)
    return _again(policy, form, 400, problem=error.code)


def _preview(policy: Policy, form: CommentForm):
    """Show the comment as it would look; nothing is stored."""
    try:
        _text, html = _body(form.body.data)
    except CommentError as error:
        form.body.errors = [*form.body.errors, str(error)]
        return _again(policy, form, 200)
    return _again(policy, form, 200, preview=html)


@bp.route("/policies/<slug>/comments", methods=["POST"])
@guarded
@csrf.exempt  # the form checks its own CSRF token, so an expired form keeps the text
def post(slug: str):
    policy = _load_policy(slug)
    form = CommentForm().offer(_sections(commenting_state(policy)[1]))
    if not form.validate():
        return _again(policy, form, 400)
    if request.form.get("action") == "preview":
        return _preview(policy, form)
    if not current_user.is_authenticated:
        return _sign_in_first(policy, form)
    ensure("comment:post")
    official = bool(form.official.data) and can(current_user, "comment:respond")
    try:
        comment = post_comment(
            current_user, policy, form.comment_data(select_language()), official=official
        )
    except CommentError as error:
        return _refused(policy, form, error)
    db.session.commit()
    _forget_draft()
    return redirect(url_for(".posted", comment_id=comment.id) + "#receipt", 303)


@bp.route("/comments/<int:comment_id>/posted")
@guarded
def posted(comment_id: int):
    """The receipt: only the author sees it; anyone else is sent to the comment."""
    comment = db.get_or_404(Comment, comment_id)
    if not _is_author(comment):
        return redirect(url_for(".permalink", comment_id=comment.id))
    return render("comments/post_result.html", comment=comment, policy=comment.policy)
