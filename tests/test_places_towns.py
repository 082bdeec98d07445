"""Places at the town level: small towns, same-name places told apart by the article, divisions and
facilities, on sentences written for this table and parsed by the real model."""

from __future__ import annotations

import pytest

from eventwire.context import ArticleContext
from eventwire.models import Place
from eventwire.resources import Resources
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.places import find_places
from eventwire.stages.places.gazetteer import distance_km

NEAR_KM = 161.0  # within 100 miles, as geoparsing evaluations count a hit

# sentence, the toponym, the point it names (lat, lon)
TOWNS = [
    # small towns (under 15,000 people), named alone or with their state or country
    ("Flooding closed two roads in Immokalee, Florida, on Tuesday.", "Immokalee", (26.42, -81.42)),
    ("Two men were arrested in Slidell, Louisiana, after the robbery.", "Slidell", (30.28, -89.78)),
    ("Farmers near Visbek, Germany, reported heavy losses after the storm.", "Visbek", (52.83, 8.31)),
    ("The town council of Nenagh in Ireland approved the new housing plan.", "Nenagh", (52.86, -8.20)),
    ("A school bus slid off the road outside Cirencester in England on Monday.", "Cirencester", (51.72, -1.97)),
    ("Hundreds of volunteers cleaned the beach at Sandbach, England, last weekend.", "Sandbach", (53.14, -2.36)),
    # same-name places: the division named after the town
    ("Springfield, Illinois, hosted the governor's budget address.", "Springfield", (39.80, -89.64)),
    ("Police in Springfield, Massachusetts, are investigating the shooting.", "Springfield", (42.10, -72.59)),
    ("Residents of Portland, Maine, voted on the school measure.", "Portland", (43.66, -70.26)),
    ("The Paris, Texas, city council met on Monday night.", "Paris", (33.66, -95.56)),
    ("Heavy snow fell overnight in London, Ontario, closing schools.", "London", (42.98, -81.23)),
    ("Students in Athens, Georgia, marched to the county courthouse.", "Athens", (33.96, -83.38)),
    ("Voters in Columbus, Ohio, waited for hours at the polls.", "Columbus", (39.96, -83.00)),
    ("Rain fell across Victoria, British Columbia, for a third day.", "Victoria", (48.43, -123.37)),
    ("Firefighters in Kent, Washington, put out a warehouse blaze.", "Kent", (47.38, -122.23)),
    # same-name places: the rest of the article
    ("Officials in Texas said the man from Paris drove to Dallas before the arrest.", "Paris", (33.66, -95.56)),
    ("Dozens of fans flew from Madrid to Barcelona for the final.", "Madrid", (40.42, -3.70)),
    ("The governor of Illinois toured the flooded streets of Springfield and Peoria.", "Springfield",
     (39.80, -89.64)),
    ("Tourists crowded the old town of Cambridge, a short train ride from London.", "Cambridge", (52.20, 0.12)),
    ("Officials in Moscow rejected the sanctions announced by Washington.", "Moscow", (55.75, 37.62)),
    # datelines
    ("Nelson, B.C. - The city council approved a new budget on Tuesday.", "Nelson", (49.49, -117.29)),
    ("Albany, N.Y. (AP) - Lawmakers passed the state budget late on Sunday.", "Albany", (42.65, -73.76)),
    # first- and second-level divisions
    ("The governor of Nueva Ecija ordered a quarantine of the farms.", "Nueva Ecija", (15.58, 121.00)),
    ("Officials in Bavaria announced new rules for the border.", "Bavaria", (48.95, 11.40)),
    ("Election officials in Maricopa County counted ballots through the night.", "Maricopa County",
     (33.35, -112.49)),
    ("The governor of Tamil Nadu visited the flooded districts on Friday.", "Tamil Nadu", (11.00, 78.50)),
    ("Floods reached the vineyards of Gironde in the south-west of France.", "Gironde", (44.80, -0.60)),
    ("Police in Kent arrested three men after the raid, British officials said.", "Kent", (51.20, 0.70)),
    ("Heavy rains hit the province of Bulacan in the Philippines on Sunday.", "Bulacan", (14.90, 120.95)),
    ("The mayor of a small town in Cook County, Illinois, resigned on Monday.", "Cook County", (41.84, -87.82)),
]

# sentence, the facility, the point of the town it lies in (None: unplaced)
FACILITIES = [
    ("Traffic was stopped on Fenwick Street in Liverpool after the crash.", "Fenwick Street", (53.41, -2.98)),
    ("Crowds gathered outside Anfield Stadium in Liverpool before the match.", "Anfield Stadium", (53.41, -2.98)),
    ("Workers repaired the Hollin Bridge near Kendal over the weekend.", "Hollin Bridge", (54.33, -2.75)),
    ("Officials closed Mercer Street after the storm brought down power lines.", "Mercer Street", None),
]


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load()


def places_of(nlp, resources: Resources, text: str) -> list[Place]:
    return find_places(ArticleContext.of(nlp(text)).with_actors(ActorIndex(())), resources)


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "point"), TOWNS, ids=[f"{n}-{i}" for i, (_, n, _) in enumerate(TOWNS)])
def test_towns_and_divisions(nlp, resources: Resources, text: str, name: str, point: tuple[float, float]) -> None:
    places = places_of(nlp, resources, text)
    found = next((p for p in places if p.text == name), None)
    assert found is not None, f"{name!r} not found among {[p.text for p in places]}"
    assert found.lat is not None and found.lon is not None, f"{name!r} unresolved"
    off = distance_km(found.lat, found.lon, *point)
    assert off <= NEAR_KM, f"{name!r} placed at {found.name} ({found.country}), {off:.0f} km off"


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "point"), FACILITIES, ids=[n for _, n, _ in FACILITIES])
def test_facilities(nlp, resources: Resources, text: str, name: str, point: tuple[float, float] | None) -> None:
    places = places_of(nlp, resources, text)
    found = next((p for p in places if name in p.text), None)
    assert found is not None, f"{name!r} not found among {[p.text for p in places]}"
    assert found.feature == "local" and found.geonameid is None
    if point is None:
        assert found.lat is None and found.name is None
    else:
        assert found.lat is not None and found.lon is not None
        assert distance_km(found.lat, found.lon, *point) <= 25.0


def test_a_province_of_the_articles_country_outranks_a_town_that_only_has_its_name_as_another_name() -> None:
    from eventwire.stages.places.candidate import Candidate, rank

    province = Candidate("Valderra", "state", "MEX", 16.5, -92.5, None, 600_000, "05", prior=0.5, minor=True)
    town = Candidate("Valderra de Sotos", "city", "MEX", 16.7, -93.0, 4, 45_000, "05")
    village = Candidate("Valderra", "city", "MEX", 17.0, -95.0, 5, 300, "07", prior=0.5, minor=True)
    assert rank([town, province], {"MEX": 1.0})[0] is province
    assert rank([town, village], {"MEX": 1.0})[0] is town  # a village still gets only part of the country's weight
