"""A made-up news article shared by the HTML tests: four body paragraphs of ordinary prose."""

PARAGRAPHS = [
    "The city council voted on Tuesday to rebuild the old river bridge, which has been closed to heavy traffic "
    "since engineers found cracks in two of its piers last spring.",
    "Work is expected to begin in March and to last about eighteen months, the council said in a statement. "
    "A temporary ferry will carry cyclists and pedestrians across the river while the bridge is closed.",
    "Local shop owners welcomed the decision but asked the council to keep the detour short, saying that the "
    "closure had already cost them customers over the past year.",
    "The mayor said the new bridge would be wider, with separate lanes for bicycles, and that the cost would be "
    "shared between the city and the regional government.",
]
