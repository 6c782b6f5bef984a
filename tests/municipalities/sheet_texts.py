"""The text sections of the two published kommuneark, typed in from the sources (003 for
Kalundborg 2025, 004 for Herning 2024) with the PDF hyphenation repaired: what the tests
expect on the pages and in the PDFs, in the sheets' order. (heading, paragraphs)"""

UNIQUE = (
    "",
    [
        "De almene boligområder er unikke, fordi de skaber rammer, hvor mennesker med "
        "forskellige baggrunde, økonomiske forhold og livssituationer kan bo side om side.",
        "En vigtig del af den almene boligsektor er beboerdemokratiet, hvor beboerne har en "
        "reel stemme i beslutningerne om deres område. Det skaber engagement og bygger "
        "fællesskab.",
    ],
)
ADAPTATION = (
    "",
    [
        "De almene boligorganisationer tilpasser boligmassen til fremtidens behov. Med flere "
        "ældre borgere, særligt i landkommunerne, og et stigende behov for betalelige boliger "
        "i de større byer, arbejder sektoren for at gentænke og udvikle boligtilbuddene.",
    ],
)
BULLETS = (
    "Når familiesituationen ændrer sig. Når man flytter til en ny kommune. "
    "Når man fraflytter parcelhuset."
)

KALUNDBORG_SECTIONS = [
    UNIQUE,
    (
        "Vi understøtter et varieret boligudbud med plads til alle",
        [
            "I samarbejde med kommunen tager den almene sektor social ansvar og løser en række "
            "opgaver, blandt andet med boligsocial anvisning og aftaler om fleksibel udlejning "
            "af de almene boliger.",
            "Det kan være seniorboliger, bofællesskaber, ungdomsboliger og familieboliger, som "
            "matcher mennesker, der hvor de er i livet. Et varieret boligudbud gør det muligt "
            "at imødekomme skiftende behov og bidrager til boligrotation. Det skaber et "
            "boligmarked, der udvikler sig sammen med samfundet.",
            "Den almene boligsektor skaber plads til både nye og nuværende borgere. I samarbejde "
            "med kommunen understøtter sektoren byudviklingen og sørger for boliger til alle i "
            "livets forskellige faser, fx:",
            BULLETS,
        ],
    ),
    ADAPTATION,
    (
        "Vi bidrager til et inkluderende samfund og gør en forskel ude lokalt",
        [
            "Almene boligområder tilbyder ofte faciliteter såsom beboerhuse og fællesarealer, "
            "der fungerer som naturlige samlingspunkter. Sociale aktiviteter og fritidstilbud "
            "styrker både samhørighed og livskvalitet. Sundhedsinitiativer og "
            "uddannelsesstøtte er andre eksempler på de mange tiltag, der gør en forskel.",
            "I almene boligområder er trivsel og rummelighed i fokus. Samarbejdet mellem "
            "boligorganisationerne og kommunen sikrer bl.a. boliger til borgere med et særligt "
            "boligbehov. Kommunen har for at kunne løse boligsociale opgaver, anvisningsret til "
            "hver fjerde af de ledige almene familieboliger.",
        ],
    ),
    (
        "Samfundsansvar er en del af vores DNA",
        [
            "Gennem målrettet boligsocial arbejde, såsom boligsociale helhedsplaner støttet af "
            "bl.a. Landsbyggefonden, løfter den almene boligsektor områder med særlige "
            "udfordringer. Indsatserne bidrager til at øge trygheden, få flere i beskæftigelse "
            "og fremme den sociale og økonomiske udvikling i boligområderne. Den boligsociale "
            "indsats bygger ofte på et tæt samarbejde mellem kommuner, boligorganisationer, "
            "civilsamfund og private aktører.",
            "De almene boligorganisationer tager desuden ansvar for at fremtidssikre "
            "eksisterende boliger. Renoveringer i den almene sektor forlænger bygningernes "
            "levetid, omdanner dem til moderne, bæredygtige boliger og gør boligområder mere "
            "attraktive. Samtidig skaber de arbejdspladser, giver lærepladser til unge og "
            "bidrager til økonomien i lokalområdet.",
            "Samtidig arbejder den almene sektor aktivt med den grønne omstilling og sigter "
            "efter at reducere CO2-aftryk og energiforbrug i nye og eksisterende bygninger, "
            "sætte solceller på tagene, forbedre biodiversitet og genbruge byggematerialer.",
            "Almene boliger drives uden profit, så ingen tjener på huslejen. En del af "
            "beboernes husleje går til Landsbyggefonden, som støtter fysiske og sociale "
            "indsatser i almene boligområder. Dette sikrer, at by- og boligområder kan udvikle "
            "sig til gavn for lokalsamfundet.",
        ],
    ),
    (
        "Samarbejde mellem kommune og boligorganisation",
        [
            "De almene boligorganisationer er en central samarbejdspartner for byrådet og "
            "kommunen. Der samarbejdes om økonomisk, teknisk, social og sundhedsmæssig "
            "udvikling.",
            "Kommunerne har, sammen med boligorganisationerne, det overordnede ansvar for, at "
            "de almene boliger drives bedst muligt og i overensstemmelse med de gældende "
            "regler. Det gøres blandt andet gennem det årlige Styringsdialogmøde, hvor "
            "boligorganisation og kommune drøfter udviklingsperspektiver. De overordnede emner "
            "for styringsdialogen er boligområdets fysiske rammer, beboersammensætning, "
            "administration og økonomi – altså sammen at sikre en god udvikling af almene "
            "boliger i kommunen.",
            "Boligorganisationerne i din kommune er altid parate til at indgå i dialog og lave "
            "samarbejder. Du finder oplysninger om alle boligorganisationerne og kontakter på "
            "BL’s hjemmeside.",
        ],
    ),
]

HERNING_SECTIONS = [
    UNIQUE,
    ADAPTATION,
    (
        "Vi understøtter et varieret boligudbud med plads til alle",
        [
            "Den almene boligsektor skaber plads til både nye og nuværende borgere. I samarbejde "
            "med kommunen understøtter sektoren byudviklingen og sørger for boliger til alle i "
            "livets forskellige faser, fx:",
            BULLETS,
            "Det kan være seniorboliger, bofællesskaber, ungdomsboliger og familieboliger, som "
            "matcher mennesker, der hvor de er i livet. Et varieret boligudbud gør det muligt "
            "at imødekomme skiftende behov og understøtte et boligmarked, der udvikler sig "
            "sammen med samfundet.",
            "I samarbejde med kommunen tager den almene sektor social ansvar og løser en række "
            "opgaver, blandt andet med boligsocial anvisning og aftaler om fleksibel udlejning "
            "af de almene boliger.",
        ],
    ),
    (
        "Vi bidrager til et inkluderende samfund og gør en forskel ude lokalt",
        [
            "I almene boligområder er trivsel og rummelighed i fokus. Samarbejdet mellem "
            "boligorganisationerne og kommunen sikrer bl.a. boliger til borgere med et særligt "
            "boligbehov. Kommunen har for at kunne løse boligsociale opgaver anvisningsret til "
            "hver fjerde af de ledige almene familieboliger.",
            "Almene boligområder tilbyder ofte faciliteter såsom beboerhuse og fællesarealer, "
            "der fungerer som naturlige samlingspunkter. Sociale aktiviteter og fritidstilbud "
            "styrker både samhørighed og livskvalitet. Sundhedsinitiativer og "
            "uddannelsesstøtte er andre eksempler på de mange tiltag, der gør en forskel, ude "
            "lokalt.",
            "Samtidig arbejder den almene sektor aktivt med den grønne omstilling og sigter "
            "efter at reducere CO2-aftryk og energiforbrug i nye og eksisterende bygninger, "
            "sætte solceller på tagene, forbedre biodiversitet og genbruge byggematerialer.",
            "Almene boliger drives uden profit, så ingen tjener på huslejen. En del af "
            "beboernes husleje går til Landsbyggefonden, som støtter fysiske og sociale "
            "indsatser i almene boligområder.",
            "Dette sikrer, at by- og boligområder kan udvikle sig til gavn for lokalsamfundet.",
            "Få meget mere at vide om den almene sektor på BL.dk.",
        ],
    ),
    (
        "Samfundsansvar er en del af vores DNA",
        [
            "Gennem boligsociale helhedsplaner, ofte medfinansieret af Landsbyggefonden, løfter "
            "den almene boligsektor områder med særlige udfordringer. Indsatserne bidrager til "
            "at øge trygheden, få flere i beskæftigelse og fremme den sociale og økonomiske "
            "udvikling i boligområderne. Helhedsplanerne bygger på et tæt samarbejde mellem "
            "kommuner, boligorganisationer, civilsamfund og private aktører.",
            "Med støtte fra Landsbyggefonden tager de almene boligorganisationer desuden ansvar "
            "for at fremtidssikre eksisterende boliger. Renoveringer i den almene sektor "
            "forlænger bygningernes levetid, omdanner dem til moderne, bæredygtige boliger og "
            "gør boligområder mere attraktive. Samtidig skaber de arbejdspladser, giver "
            "lærepladser til unge og bidrager til den lokale økonomi.",
        ],
    ),
]


def section_pieces(sections) -> list[str]:
    """Every heading and paragraph, in order."""
    pieces = []
    for heading, paragraphs in sections:
        if heading:
            pieces.append(heading)
        pieces.extend(paragraphs)
    return pieces
