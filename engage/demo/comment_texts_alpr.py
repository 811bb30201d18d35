"""The demo's conversation on the license plate reader policy (version 3, open since day -21,
extended to day 30). Its form-letter campaign is in comment_texts_campaign.

Written for the demo: the people are invented, and so are their stories.
"""

# ruff: noqa: RUF001 - the Chinese letter uses Chinese punctuation

from engage.demo.comment_specs import STAFF, Received, Said, md

THREAD = (
    Said(
        "alpr-01",
        "sarah",
        -21,
        "13:30",
        md(
            """
            Thirty days is better than ninety, but it is still thirty days of where every car
            in Boston went. New Hampshire has made its police delete plates that match nothing
            within minutes since 2007.

            What I'm asking for, as a volunteer with a civil liberties group in Jamaica Plain:

            - **Reads that match nothing:** delete them within 24 hours.
            - **Warrants:** for every search of stored reads, not only reads older than 7 days.
            - **Audits:** publish the quarterly audit results, not just the number of searches.

            A plate read isn't "just a plate". Put enough of them together and you know who
            goes to which clinic, which mosque and which union hall.
            """
        ),
        stance="concerns",
        section="data_retention",
        endorsements=10,
    ),
    Said(
        "alpr-02",
        "frank",
        -21,
        "18:05",
        md(
            """
            With respect, 24 hours would gut the tool. Half the stolen-car and hit-and-run
            cases I worked started with a witness who remembered part of a plate two or three
            days later. Thirty days with a supervisor signing off is a reasonable middle.
            """
        ),
        stance="oppose",
        reply_to="alpr-01",
        endorsements=4,
    ),
    Said(
        "alpr-03",
        "sarah",
        -20,
        "08:40",
        md(
            """
            That's a fair example. Would 7 days for reads that match nothing cover the
            hit-and-run cases you mean? That is roughly the line the new authorized uses
            section already draws for searches.
            """
        ),
        reply_to="alpr-02",
        endorsements=3,
    ),
    Said(
        "alpr-04",
        "frank",
        -20,
        "12:15",
        "Seven days would cover most of them. I could live with that.",
        reply_to="alpr-03",
        endorsements=6,
    ),
    Said(
        "alpr-05",
        "marisol",
        -19,
        "19:05",
        md(
            """
            En East Boston tenemos miedo. Muchas familias manejan al trabajo todos los días y
            no saben quién ve estos datos. La versión 2 prohibió compartirlos para la
            inmigración civil, y está bien, pero una "certificación" por escrito de otra
            agencia no es suficiente. ¿Quién revisa que cumplan? ¿Qué pasa si no cumplen?

            Pido que la Ciudad publique cada año la lista de las agencias que recibieron datos
            de placas.
            """
        ),
        stance="concerns",
        section="third_party_sharing",
        language="es",
        endorsements=8,
    ),
    Said(
        "alpr-06",
        "ana",
        -19,
        "21:30",
        md(
            """
            Estoy de acuerdo, Marisol. En Hyde Park pasa lo mismo: la gente deja de ir a la
            clínica o a la iglesia por miedo a que la sigan. Una lista pública de agencias
            ayudaría a que la gente confíe.
            """
        ),
        reply_to="alpr-05",
        language="es",
        endorsements=2,
    ),
    Said(
        "alpr-07",
        "kevd",
        -18,
        "08:15",
        md(
            """
            This is all theater. The cameras are already everywhere, the private companies
            already sell the data, and nobody at City Hall is going to stop it. Why pretend
            to ask us?
            """
        ),
        stance="oppose",
        withdrawn=True,
    ),
    Said(
        "alpr-08",
        "ruth",
        -18,
        "10:50",
        md(
            """
            I get the frustration. But retention went from 90 days to 30 in this version
            because people commented on the last one. It isn't nothing, and it's more than
            we'd get by staying home.
            """
        ),
        reply_to="alpr-07",
        endorsements=5,
    ),
    Said(
        "alpr-09",
        "thanh",
        -17,
        "20:30",
        md(
            """
            Tôi có tiệm nail ở Fields Corner. Năm ngoái xe của một khách hàng bị trộm ngay
            trước tiệm. Máy đọc biển số có giúp tìm xe bị trộm nhanh hơn không? Nếu có thì tôi
            ủng hộ.

            Nhưng tôi muốn biết: ai được xem dữ liệu, và xe của khách đậu trước tiệm có bị
            ghi lại không?
            """
        ),
        stance="question",
        section="authorized_uses",
        language="vi",
        endorsements=3,
    ),
    Said(
        "alpr-10",
        STAFF,
        -15,
        "14:20",
        md(
            """
            Xin cảm ơn câu hỏi của quý vị. Thank you for your question.

            Yes: when a stolen car is on the hot list, the system alerts officers as soon as a
            reader passes it, and that is how most cars found through the system are
            recovered. A reader photographs every plate it passes, parked cars included, so
            your customers' plates may be read when a patrol car with a reader drives by.
            Under version 3, reads that match nothing are deleted after 30 days, and only
            trained detectives and crime analysts may search them, with a case number and a
            supervisor's approval.

            **Tiếng Việt:** Có. Khi xe bị trộm nằm trong danh sách, hệ thống báo ngay khi xe
            cảnh sát có máy đọc chạy ngang qua. Máy đọc chụp mọi biển số, kể cả xe đang đậu.
            Theo phiên bản 3, dữ liệu không khớp danh sách sẽ bị xóa sau 30 ngày, và chỉ thám
            tử và chuyên viên phân tích đã được huấn luyện mới được tìm kiếm, khi có số hồ sơ
            và được cấp trên chấp thuận.
            """
        ),
        reply_to="alpr-09",
    ),
    Said(
        "alpr-11",
        "tom",
        -14,
        "16:40",
        md(
            """
            While we're on plates: my delivery van got towed on street-cleaning day on East
            Broadway even though the sign was blocked by a dumpster. Three hundred bucks. Who
            do I even talk to about that?
            """
        ),
        stance="neutral",
        flags=(("sarah", "off_topic", "About towing on street-cleaning day, not plate readers."),),
    ),
    Said(
        "alpr-12",
        "eleanor",
        -14,
        "19:25",
        md(
            """
            Tom, tow disputes go to the Transportation Department, not the police, so nobody
            here can fix it. Call 311 and ask for a tow hearing; bring a photo of the blocked
            sign if you have one.
            """
        ),
        reply_to="alpr-11",
        endorsements=2,
    ),
    Said(
        "alpr-13",
        "daniel",
        -13,
        "22:10",
        md(
            """
            The hot-list rule is the most important change in this version and nobody's
            talking about it. A stale hot list is how people get pulled over at gunpoint for a
            car that was recovered weeks ago.

            Two numbers I'd add to the annual report:

            1. how long, on average, a recovered car stays on the hot list;
            2. how many alerts officers dismissed after the visual check.

            Both are easy to count, and they would show whether the 24-hour refresh really
            happens.
            """
        ),
        stance="support",
        section="auditing_oversight",
        endorsements=6,
    ),
    Said(
        "alpr-14",
        "okafor",
        -10,
        "10:00",
        "I support the warrant requirement for reads older than 7 days. It's a clear rule "
        "and easy to audit. Please don't water it down in the next version.",
        stance="support",
        section="authorized_uses",
        endorsements=5,
    ),
    Said(
        "alpr-15",
        "amina",
        -8,
        "12:30",
        md(
            """
            The policy says plate data can't be used to track people because they attend
            religious services. But a reader still reads every car in our mosque's parking lot
            on a Friday. How would anyone ever know if those reads were searched?
            """
        ),
        stance="question",
        section="prohibited_uses",
        endorsements=4,
    ),
    Said(
        "alpr-16",
        "sarah",
        -8,
        "16:45",
        md(
            """
            That's exactly why the search log matters. Every search has to name a case number
            and a reason, and the quarterly audit checks a sample of them. What's missing is
            publication: ask for the audit results to be public, and for any search that
            touched a place of worship to be counted separately.
            """
        ),
        reply_to="alpr-15",
        endorsements=3,
    ),
    Said(
        "alpr-17",
        "linda",
        -6,
        "09:20",
        md(
            """
            Where are the fixed readers? The policy says their locations are in the annual
            report, but the list I found is more than a year old. A map on this page would
            help. I'd like to know if there's one on the bridge I drive every morning.
            """
        ),
        stance="question",
        section="public_access",
        endorsements=3,
    ),
)

RECEIVED = (
    Received(
        "alpr-meeting-1",
        "meeting",
        -10,
        "18:40",
        md(
            """
            Said in Spanish, through the interpreter, at the listening session at the Bolling
            Building. The speaker drives a cab and asked that the readers on the airport
            roads be listed by location, because drivers there are read many times a day. He
            supports the 30-day limit.
            """
        ),
        name="Luis Andrade",
        neighborhood="East Boston",
        language="es",
        stance="support",
        section="public_access",
    ),
    Received(
        "alpr-meeting-2",
        "meeting",
        -10,
        "19:05",
        md(
            """
            Said at the listening session at the Bolling Building by a speaker who did not
            give a name. She asked why the Boston Regional Intelligence Center receives plate
            data at all, and asked for the sharing section to say exactly what "aggregate
            data" means.
            """
        ),
        stance="question",
        section="third_party_sharing",
    ),
    Received(
        "alpr-letter-1",
        "letter",
        -9,
        "10:30",
        md(
            """
            致波士顿警察局：

            我在唐人街住了三十年。我们社区很多老人不懂英文，也不知道路边的摄像头会记录车牌。
            请把这个政策的摘要翻译成中文，并在社区中心举办一次中文说明会。

            我支持把保存时间缩短到30天。谢谢。
            """
        ),
        name="Zhang Li",
        neighborhood="Chinatown",
        language="zh-Hans",
        stance="support",
        section="data_retention",
    ),
)
