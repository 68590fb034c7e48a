"""Read an XML archive as a stream of its top-level elements, refusing what is unsafe.

defusedxml's iterparse refuses a DTD (so no entity can expand: a billion-laughs file) and
external entities (XXE); the elements already read are cleared, so memory stays flat
however long the file. A malformed file is refused naming the line and column and what
the parser expected there.
"""

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from forum.imports.records import ImportFileError


def local(tag):
    """Return a tag's name without its namespace ("{http://disqus.com}post" -> "post")."""
    return tag.rsplit("}", 1)[-1]


def top_level_elements(path, root_name, depth=1):
    """Yield each element `depth` levels under the document's root, then clear its parent.

    Raises ImportFileError when the file is unsafe, malformed or not a `root_name` file.
    """
    open_tags, opened = [], []
    root = None
    try:
        with open(path, "rb") as stream:
            events = iterparse(stream, events=("start", "end"), forbid_dtd=True)
            for event, element in events:
                if event == "start":
                    open_tags.append(local(element.tag))
                    opened.append(element)
                    if root is None:
                        root = element
                        if local(element.tag) != root_name:
                            raise ImportFileError(
                                f"This is not a {root_name} file: its first element is "
                                f"<{local(element.tag)}>, where <{root_name}> was expected."
                            )
                    continue
                open_tags.pop()
                opened.pop()
                if len(opened) == depth:
                    yield element
                    opened[-1].clear()
    except DefusedXmlException as error:
        raise ImportFileError(
            "This file declares a DTD or entities, which an import refuses: they can make "
            "an XML file expand without end (a billion laughs) or read files of the server "
            f"(XXE). Export the file again without them. ({type(error).__name__})"
        ) from None
    except ParseError as error:
        line, column = error.position
        expected = f" where </{open_tags[-1]}> was expected" if open_tags else ""
        reason = str(error).split(":")[0]
        raise ImportFileError(
            f"The file is not well-formed XML at line {line}, column {column + 1}: "
            f"{reason}{expected}."
        ) from None
    if root is None:
        raise ImportFileError(f"The file is empty: a <{root_name}> document was expected.")
