"""The demo's conversation on the social media analysis policy (version 2, open since day -11).

Written for the demo: the people are invented, and so are their stories.
"""

from engage.demo.comment_specs import STAFF, Received, Said, md

THREAD = (
    Said(
        "soc-01",
        "priya",
        -11,
        "11:00",
        md(
            """
            Which three tools did the Department use under the emergency clause, and will the
            same vendors be used now? Version 2 promises to publish "the name and vendor of
            every tool" in the annual report. Why not now, on this page, before the policy is
            approved? We're being asked to comment on tools we can't name.
            """
        ),
        stance="question",
        section="public_access",
        endorsements=6,
    ),
    Said(
        "soc-02",
        "sarah",
        -11,
        "14:30",
        md(
            """
            > create or use fictitious accounts or personas to view or interact with anyone's
            > posts.

            This is the most important line in version 2. Fake accounts are how "public posts
            only" turns into friending teenagers. Keep it, and make breaking it a firing
            offense, not a retraining.
            """
        ),
        stance="support",
        section="prohibited_uses",
        endorsements=9,
    ),
    Said(
        "soc-03",
        "marcus",
        -10,
        "19:00",
        md(
            """
            I run a youth program in Grove Hall. Our kids post drill videos, beefs, jokes,
            song lyrics. Adults who don't know them read all of that as threats. Whether a
            threat is "credible" has to be judged by someone who knows the difference, or
            we'll see kids put in a gang database because of a song.

            What I'd want in the policy:

            - a youth worker or another trusted adult consulted before a minor's post is
              treated as a threat;
            - no posts by minors kept in the case system unless charges follow;
            - a yearly count of searches that involved people under 18.
            """
        ),
        stance="concerns",
        section="authorized_uses",
        endorsements=10,
    ),
    Said(
        "soc-04",
        "jamal",
        -10,
        "21:35",
        md(
            """
            This. My little cousin got pulled out of class and questioned over a rap video.
            Nothing came of it, but he still thinks about it every time he posts.
            """
        ),
        reply_to="soc-03",
        endorsements=4,
    ),
    Said(
        "soc-05",
        "okafor",
        -9,
        "08:10",
        md(
            """
            Which is why the audit should look for exactly that. Marcus's third point would at
            least give us a number to argue about.
            """
        ),
        reply_to="soc-04",
        endorsements=3,
    ),
    Said(
        "soc-06",
        STAFF,
        -9,
        "16:00",
        md(
            """
            Thank you for the question. The three tools are named in the exigent-use report
            the Department filed with the City Council, which is linked from this
            technology's page on the site.

            The Department has not chosen a tool for ongoing use. It will not sign a contract
            before the Council approves the policy, and the contract, like every City
            contract, will be a public record.
            """
        ),
        reply_to="soc-01",
    ),
    Said(
        "soc-07",
        "frank",
        -9,
        "18:25",
        md(
            """
            Threats against schools come in on Instagram and Snapchat now, not on the phone.
            I'd rather an analyst find the kid posting a picture of a gun outside a school
            than read about it afterwards. A supervisor approving each search is a fair check.
            """
        ),
        stance="support",
        section="authorized_uses",
        endorsements=3,
    ),
    Said(
        "soc-08",
        "sarah",
        -8,
        "07:45",
        md(
            """
            Nobody here is against acting on a real threat, Frank. The question is what
            happens to the hundreds of posts that turn out not to be one, and to the kids who
            wrote them.
            """
        ),
        reply_to="soc-07",
        endorsements=5,
    ),
    Said(
        "soc-09",
        "daniel",
        -7,
        "13:05",
        md(
            """
            Thirty days for posts that turn out not to be relevant is fine. But what about
            everything else the tool stored about them: profile data, follower lists,
            locations? The policy should say that all of it is deleted, not just "the posts".
            """
        ),
        first_draft="30 days for irrelevant posts is fine but what about the profile data "
        "and follower lists, does that get deleted to?",
        stance="question",
        section="data_retention",
        endorsements=4,
    ),
    Said(
        "soc-10",
        "eleanor",
        -5,
        "10:40",
        md(
            """
            For those of us who don't use social media, one example would help a lot: what
            does a search look like, and what does the analyst see? The summary at the top
            helps, but I still had to ask my granddaughter.
            """
        ),
        stance="neutral",
        endorsements=2,
    ),
    Said(
        "soc-11",
        "ruth",
        -3,
        "22:30",
        md(
            """
            I organize tenant meetings. We post public events because that's how you reach
            people. I don't want my name in a police file because I posted about a rent strike.

            The policy protects "lawful protests or those who organize them". Organizing a
            tenants' union isn't a protest. Please say *lawful organizing and advocacy*.
            """
        ),
        stance="oppose",
        section="prohibited_uses",
        anonymous=True,
        place=False,
        endorsements=7,
    ),
    Said(
        "soc-12",
        "thanh",
        -2,
        "19:15",
        md(
            """
            Cộng đồng người Việt ở Dorchester dùng Facebook và Zalo rất nhiều. Chính sách này có
            áp dụng cho các nhóm Facebook công khai bằng tiếng Việt không? Nhà phân tích có
            biết tiếng Việt không, hay dùng máy dịch? Máy dịch hay hiểu sai.
            """
        ),
        stance="question",
        section="training",
        language="vi",
        endorsements=2,
    ),
)

RECEIVED = (
    Received(
        "soc-phone-1",
        "phone",
        -6,
        "11:15",
        md(
            """
            Summary of a phone call. The caller, a high school teacher, asked whether the
            tools would be used to look at students' accounts, and asked that schools be told
            when a student's post leads to a police visit. Staff told the caller how to
            comment on the policy page as well.
            """
        ),
        name="Denise Carter",
        neighborhood="Hyde Park",
        stance="question",
    ),
)
