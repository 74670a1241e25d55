"""The practice records of the match set as they are written in practices*.py."""
PRACTICES = []


def P(nid, need, city, title, subtitle, themes, summary, solution, lang=None, ad=(), pa=()):
    PRACTICES.append({"nid": nid, "need": need, "city": city, "title": title, "subtitle": subtitle,
                      "themes": list(themes), "summary": summary, "solution": solution, "lang": lang,
                      "adopters": list(ad), "partners": list(pa)})
