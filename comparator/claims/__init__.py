"""The claims stage: sentences, quotes and voice, speakers, page furniture.

``extract_claims(article, doc)`` turns one parsed article into its claims
(:mod:`.sentences`); the helpers it uses live beside it: quote spans and voice
(:mod:`.quotes`), quotations without marks (:mod:`.blocks`), attribution of quotes
to speakers (:mod:`.speakers`, with :mod:`.resolve` for the speaker a subject names
and :mod:`.referents` for people and pronouns), one speaker name per person across
outlets (:mod:`.canonical`, run after entities) and the boilerplate rules
(:mod:`.boilerplate`).
"""

from comparator.claims.sentences import extract_claims, segment

__all__ = ["extract_claims", "segment"]
