"""The demo's listening sessions as data: who hosts what, where, in which languages, who comes.

Read by engage/demo/events.py. Days count from the day the demo is loaded (negative: past).
"""

from dataclasses import dataclass, field

from engage.events import services

# Residents who sign up for sessions (besides the demo's resident@demo.engage).
NEIGHBORS = (
    ("neighbor01@demo.engage", "Lucía Barros", "es"),
    ("neighbor02@demo.engage", "Hoa Tran", "vi"),
    ("neighbor03@demo.engage", "Wilner Joseph", "ht"),
    ("neighbor04@demo.engage", "Grace Chan", "zh-Hant"),
    ("neighbor05@demo.engage", "Deshawn Miles", None),
    ("neighbor06@demo.engage", "Maria Tavares", "kea"),
    ("neighbor07@demo.engage", "Farhiya Ali", "so"),
    ("neighbor08@demo.engage", "Kathleen Doyle", None),
    ("neighbor09@demo.engage", "Rafael Ortiz", "es"),
    ("neighbor10@demo.engage", "Yusuf Ahmed", "ar"),
    ("neighbor11@demo.engage", "Beth Sullivan", None),
    ("neighbor12@demo.engage", "Jean-Paul Celestin", "fr"),
)


@dataclass(frozen=True)
class Who:
    """A sign-up: who (an email), waitlist allowed, and what they ask for."""

    email: str
    requests: services.Accommodations = field(default_factory=services.Accommodations)


@dataclass(frozen=True)
class DemoSession:
    title: str
    policies: tuple[str, ...]
    neighborhood: str
    days: int  # from today; negative: already happened
    hour: int
    minutes: int
    languages: tuple[str, ...]
    interpretation: tuple[str, ...] = ()
    venue: str = ""
    address: str = ""
    online: bool = False
    capacity: int | None = None
    description: str = ""
    accessibility: str = ""
    people: tuple[Who, ...] = ()

    @property
    def in_person(self) -> bool:
        return bool(self.address)


def _n(number: int) -> str:
    return f"neighbor{number:02d}@demo.engage"


ROSA = "resident@demo.engage"
LIBRARY_ACCESS = "Step-free entrance from the parking lot; elevator to the community room; "
LIBRARY_ACCESS += "accessible restrooms. Light refreshments. Children welcome."

SESSIONS = (
    DemoSession(
        "Body cameras: what should be recorded, and who gets to watch?",
        ("bpd-body-worn-cameras",),
        "Dorchester",
        6,
        18,
        90,
        ("en", "vi"),
        ("asl", "ht"),
        "Fields Corner Branch Library, community room",
        "1520 Dorchester Ave, Dorchester, MA 02122",
        capacity=40,
        description="The draft policy says footage is kept for **90 days** unless it is "
        "evidence. We'll read the retention and access sections together, then hear what "
        "you think. Vietnamese speakers: the session runs in both languages.",
        accessibility=LIBRARY_ACCESS,
        people=(
            Who(ROSA, services.Accommodations(needs_cart=True)),
            Who(_n(2), services.Accommodations(other="I will come with my mother (walker).")),
            Who(_n(5)),
            Who(_n(3), services.Accommodations("ht")),
        ),
    ),
    DemoSession(
        "Lectores de placas en East Boston: ¿qué piensa usted?",
        ("bpd-automated-license-plate-readers",),
        "East Boston",
        9,
        18,
        120,
        ("es",),
        ("en", "asl"),
        "East Boston Neighborhood Health Center, auditorium",
        "10 Gove St, East Boston, MA 02128",
        capacity=30,
        description="Una conversación en español sobre los lectores automáticos de placas: "
        "qué datos guardan, cuánto tiempo y con quién se comparten. English interpretation "
        "available.",
        accessibility="Entrada accesible por Gove St. Ascensor al auditorio.",
        people=(Who(_n(1)), Who(_n(9), services.Accommodations(needs_asl=True))),
    ),
    DemoSession(
        "Drones over Chinatown: an evening in Cantonese and English",
        ("bpd-drones",),
        "Chinatown",
        12,
        18,
        90,
        ("zh-Hant", "en"),
        ("zh-Hans", "cart"),
        "Chinatown community center, 2nd floor hall",
        "38 Ash St, Boston, MA 02111",
        capacity=60,
        description="When may police fly a drone over a neighborhood, and what happens to the "
        "video? Cantonese and English, with Mandarin interpretation.",
        accessibility="Elevator from Ash St. Large-print handouts on request.",
        people=(Who(_n(4), services.Accommodations("zh-Hans")),),
    ),
    DemoSession(
        "Online: social media monitoring and your rights",
        ("bpd-social-media-analysis-tools",),
        "",
        4,
        19,
        60,
        ("en",),
        ("asl", "cart", "es"),
        online=True,
        description="A one-hour video call for anyone in Boston. We explain what the tools "
        "look at, then take questions. Live captions and Spanish interpretation on the call.",
        people=(Who(ROSA), Who(_n(8)), Who(_n(10), services.Accommodations("ar"))),
    ),
    DemoSession(
        "Kamera nan lekòl yo: school cameras, in Haitian Creole and English",
        ("bps-school-security-cameras",),
        "Mattapan",
        15,
        18,
        90,
        ("ht", "en"),
        ("fr",),
        "Mattapan Branch Library",
        "1350 Blue Hill Ave, Mattapan, MA 02126",
        online=True,
        capacity=25,
        description="Parents and students: who watches the school cameras, and for how long "
        "is the video kept? Join in person or online.",
        accessibility=LIBRARY_ACCESS,
        people=(Who(_n(3)), Who(_n(12), services.Accommodations("fr"))),
    ),
    DemoSession(
        "Cameras in public housing: tenants' questions",
        ("bha-public-housing-cameras",),
        "Roxbury",
        5,
        17,
        90,
        ("en", "es"),
        ("so",),
        "Whittier Street community room",
        "1201 Tremont St, Roxbury, MA 02120",
        capacity=8,
        description="A small session for tenants: who sees the hallway cameras, and can the "
        "footage be used in eviction cases? Seats are limited; join the waitlist if it is full.",
        accessibility="Ground floor, step-free. Quiet room next door.",
        people=(
            Who(_n(5)),
            Who(_n(7), services.Accommodations("so")),
            Who(_n(9)),
            Who(_n(11)),
            Who(_n(1)),
            Who(_n(10)),
            Who(_n(8), services.Accommodations(needs_asl=True)),
            Who(_n(6)),
            Who(ROSA),  # the session is full: Rosa, then two more, wait for a seat
            Who(_n(2)),
            Who(_n(12)),
        ),
    ),
    DemoSession(
        "Conversa sobre leitores de matrículas em Kriolu",
        ("bpd-automated-license-plate-readers",),
        "Dorchester",
        20,
        18,
        90,
        ("kea", "pt-BR"),
        ("en",),
        "Cape Verdean community center",
        "5 Bowdoin St, Dorchester, MA 02122",
        online=True,
        capacity=35,
        description="Uma conversa em Kriolu e português sobre os leitores de matrículas. "
        "English interpretation available.",
        accessibility="Entrada sem degraus. Estacionamento acessível.",
        people=(Who(_n(6)),),
    ),
)

PAST = (
    DemoSession(
        "Body cameras: our first listening session",
        ("bpd-body-worn-cameras", "bpd-body-worn-camera-pilot"),
        "Dorchester",
        -30,
        18,
        90,
        ("en", "vi"),
        ("asl",),
        "Codman Square Branch Library",
        "690 Washington St, Dorchester, MA 02124",
        capacity=40,
        description="What the pilot taught us, and what residents want in the permanent policy.",
        people=(Who(ROSA), Who(_n(2)), Who(_n(5)), Who(_n(8))),
    ),
    DemoSession(
        "Cámaras de la ciudad: sesión en español",
        ("oem-regional-camera-network", "bpd-fixed-video-camera-network"),
        "East Boston",
        -45,
        18,
        120,
        ("es",),
        ("en",),
        "East Boston Branch Library",
        "365 Bremen St, East Boston, MA 02128",
        capacity=30,
        description="Las cámaras fijas de la ciudad y la red regional: qué graban y quién mira.",
        people=(Who(_n(1)), Who(_n(9))),
    ),
    DemoSession(
        "Cell-site simulators and drones: a student forum",
        ("bpd-cell-site-simulator", "bpd-drones"),
        "Allston",
        -60,
        19,
        90,
        ("en",),
        ("cart",),
        "Honan-Allston Branch Library",
        "300 N Harvard St, Allston, MA 02134",
        description="Students asked how phone-tracking devices and drones are approved.",
        people=(Who(_n(11)), Who(_n(10))),
    ),
)
