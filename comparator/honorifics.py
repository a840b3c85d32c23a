"""Abbreviated ranks, titles and honorifics written before a name ("Sgt.", "Lt. Col.", "Cllr.").

One list for two readers: the sentence splitter keeps "Sgt. Lena Duarte" in one
sentence (:mod:`comparator.claims.abbreviations`), and names drop them
("Lt. Col. Ana Reyes" -> "Ana Reyes", :func:`comparator.facts.names.clean_name`).
Sources: AP Stylebook military and police abbreviations, and common courtesy
and clerical titles. No imports: any module may use it.
"""

from __future__ import annotations

__all__ = ["TITLES"]

#: Ranks, titles and honorifics written before a name (without the period, case-sensitive).
TITLES: frozenset[str] = frozenset({
    # military (AP style and common others)
    "Pvt", "Pfc", "Cpl", "Spc", "Sgt", "SSgt", "Ssg", "Sfc", "Msgt", "MSgt",
    "Lt", "Lieut", "Capt", "Cpt", "Maj", "Col", "Gen", "Brig", "Adm", "Cmdr", "Cdr", "Comdr",
    "Ens", "Cmdt",
    # police and fire
    "Det", "Insp", "Supt", "Const", "Dep", "Ofc", "Tpr",
    "Cmsr", "Comm", "Commr",
    # government and courts
    "Gov", "Govs", "Sen", "Sens", "Rep", "Reps", "Pres", "Amb", "Sec", "Secs", "Atty", "Treas",
    "Supv", "Cllr", "Ald", "Assemb", "Hon", "Rt",
    # clergy, academic, courtesy
    "Rev", "Revs", "Msgr", "Fr", "Br", "Sra", "Srta", "Dr", "Drs", "Prof", "Profs",
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Mx", "Mme", "Mlle",
})
