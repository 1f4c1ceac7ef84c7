"""Hugo shortcodes and Jekyll Liquid become Markdown, or are removed with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from assosite.reading.fields import ParseContext
from assosite.reading.shortcodes import translate

TEXTS = ("news/2010-06-12-kermesse.md", "news/fete/index.md", "pages/contact.md")


def run(body: str, tmp_path: Path, language: str = "fr") -> tuple[str, list]:
    """Translate ``body`` as the text content/news/x.md starting on line 5."""
    ctx = ParseContext(
        tmp_path,
        language=language,
        site_name="Les Amis",
        texts=TEXTS,
        includes=(tmp_path / "_includes",),
    )
    return translate(body, "content/news/x.md", "news/x.md", 5, ctx=ctx, title="Mon titre")


def test_figure_becomes_an_image_with_alt_and_caption(tmp_path) -> None:
    """A figure alone on its line keeps its caption; inside a sentence, just the image."""
    alone, problems = run(
        '{{< figure src="a.jpg" alt="Un [beau] jardin" caption="Été" >}}', tmp_path
    )
    assert alone == (
        '<figure markdown="span">![Un \\[beau\\] jardin](a.jpg)'
        "<figcaption>Été</figcaption></figure>"
    )
    inline, _ = run('Voir {{< figure src="a.jpg" caption="Le jardin" >}} ici.', tmp_path)
    assert inline == "Voir ![Le jardin](a.jpg) ici."
    assert problems == []


@pytest.mark.parametrize(
    ("code", "language", "link"),
    [
        (
            "{{< youtube dQw4w9WgXcQ >}}",
            "fr",
            "[Voir la vidéo sur YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",
        ),
        (
            '{{< youtube id="abc" title="La fête" >}}',
            "fr",
            "[La fête](https://www.youtube.com/watch?v=abc)",
        ),
        ("{{< vimeo 76979871 >}}", "en", "[Watch the video on Vimeo](https://vimeo.com/76979871)"),
    ],
)
def test_videos_become_plain_links(code, language, link, tmp_path) -> None:
    """No frame and no script: a link to the video, titled in the site's language."""
    assert run(code, tmp_path, language) == (link, [])


def test_references_to_texts_become_links_pelican_resolves(tmp_path) -> None:
    """ref, relref, post_url and link name a text of content/ by path, bundle or name."""
    body = (
        '[a]({{< ref "fete" >}}) [b]({{< relref "/news/fete/index.md#photos" >}}) '
        "[c]({% post_url 2010-06-12-kermesse %}) [d]({% link _pages/contact.md %})"
    )
    text, problems = run(body, tmp_path)
    assert text == (
        "[a]({filename}/news/fete/index.md) [b]({filename}/news/fete/index.md#photos) "
        "[c]({filename}/news/2010-06-12-kermesse.md) [d]({filename}/pages/contact.md)"
    )
    assert problems == []


def test_a_link_to_a_missing_text_keeps_its_words_and_is_reported(tmp_path) -> None:
    """AS233 at the line of the link; the words stay, without a dead link."""
    text, problems = run("Un.\nDeux [la kermesse]({% post_url 1999-01-01-rien %}).", tmp_path)
    assert text == "Un.\nDeux la kermesse."
    assert [(p.code, p.line, p.severity) for p in problems] == [("AS233", 6, "warning")]


def test_unknown_commands_are_removed_with_a_warning_at_their_line(tmp_path) -> None:
    """AS232 for each unknown one; the lines after it keep their numbers."""
    body = (
        "Un.\n{{< gist moi\n  abc >}}\n{% if page.x %}\nGardé.\n{% endif %}\n{{ page.date }}\nFin."
    )
    text, problems = run(body, tmp_path)
    assert text.split("\n") == ["Un.", "", "", "", "Gardé.", "", "", "Fin."]
    assert [(p.code, p.line) for p in problems] == [("AS232", 6), ("AS232", 8), ("AS232", 11)]


def test_site_expressions_and_blocks_become_what_they_meant(tmp_path) -> None:
    """site.baseurl is the site's root, relative_url its value, raw kept, comment gone."""
    body = (
        "![x]({{ site.baseurl }}/assets/a.jpg) ![y]({{ '/b.jpg' | relative_url }}) "
        "{{ site.title }} {{ page.title }}\n"
        "{% raw %}{{ gardé }}{% endraw %}\n"
        "{% comment %}\nnote\n{% endcomment %}\n"
        "{% highlight python %}\nprint(1)\n{% endhighlight %}"
    )
    text, problems = run(body, tmp_path)
    assert text == (
        "![x](/assets/a.jpg) ![y](/b.jpg) Les Amis Mon titre\n"
        "{{ gardé }}\n"
        "\n\n\n"
        "```python\nprint(1)\n```"
    )
    assert problems == []


def test_includes_are_inlined_with_their_values(tmp_path) -> None:
    """A file of _includes/ is inlined, with {{ include.x }}; a missing one is AS234."""
    (tmp_path / "_includes").mkdir()
    (tmp_path / "_includes" / "note.html").write_text(
        "<p>{{ include.texte }}</p>\n", encoding="utf-8"
    )
    text, problems = run('{% include note.html texte="Bonjour" %}', tmp_path)
    assert (text, problems) == ("<p>Bonjour</p>", [])
    text, problems = run("Un.\n{% include absent.html %}", tmp_path)
    assert text == "Un.\n"
    assert [(p.code, p.line) for p in problems] == [("AS234", 6)]


def test_includes_never_read_outside_their_folders(tmp_path) -> None:
    """``{% include ../secret %}`` is refused (AS234), whatever exists there."""
    (tmp_path / "_includes").mkdir()
    (tmp_path / "secret.txt").write_text("caché", encoding="utf-8")
    text, problems = run("{% include ../secret.txt %}", tmp_path)
    assert text == ""
    assert [p.code for p in problems] == ["AS234"]


def test_a_link_in_includes_cannot_lead_out_of_it(tmp_path) -> None:
    """A symbolic link in _includes/ to a file elsewhere is refused (AS234)."""
    (tmp_path / "_includes").mkdir()
    (tmp_path / "secret.txt").write_text("caché", encoding="utf-8")
    (tmp_path / "_includes" / "lien.txt").symlink_to(tmp_path / "secret.txt")
    text, problems = run("{% include lien.txt %}", tmp_path)
    assert (text, [p.code for p in problems]) == ("", ["AS234"])


def test_text_without_commands_is_returned_as_it_is(tmp_path) -> None:
    """Plain Markdown (with single braces) is not touched."""
    body = "Un {texte} avec des { accolades }.\n\n```\n{code}\n```"
    assert run(body, tmp_path) == (body, [])


def test_wordpress_codes_left_by_exporters(tmp_path) -> None:
    """[caption] keeps its image and words, [embed]/[video] a link, [gallery] is removed."""
    body = (
        '[caption id="attachment_12" align="alignnone" width="300"]'
        "![Le verger](/assets/verger.jpg) Le verger en mai[/caption]\n"
        "[embed]https://www.youtube.com/watch?v=abc[/embed]\n"
        '[video mp4="https://exemple.fr/film.mp4"][/video]\n'
        '[gallery ids="1,2,3"]\n'
        "Un [lien](https://exemple.fr) reste un lien.\n"
    )
    text, problems = run(body, tmp_path)
    assert text.split("\n") == [
        "![Le verger](/assets/verger.jpg) Le verger en mai",
        "<https://www.youtube.com/watch?v=abc>",
        "<https://exemple.fr/film.mp4>",
        "",
        "Un [lien](https://exemple.fr) reste un lien.",
        "",
    ]
    assert [(p.code, p.line) for p in problems] == [("AS232", 8)]
