def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_home_page_renders_in_the_layout(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "usa-banner" in page
    assert 'href="#main-content"' in page


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from engage.extensions import db

    def down(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", down, raising=False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable"}


def test_home_lists_upcoming_sessions(client, ctx):
    from tests.events.helpers_events import make_session

    event = make_session(title="Cameras on Blue Hill Avenue")
    page = client.get("/").get_data(as_text=True)
    assert "Upcoming listening sessions" in page
    assert "Cameras on Blue Hill Avenue" in page
    assert f"/events/{event.id}" in page
