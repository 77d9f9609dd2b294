"""The search's own table: the vocabulary that corrects misspelt words (PostgreSQL only).

The documents' `search_vector` columns live on their own models (helpdesk, community, resources);
the triggers installed by this app's migration keep them and this vocabulary up to date.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchWord(models.Model):
    """One word seen in an indexed document, lower case and without accents (« accessibilite »).

    Filled by the triggers (never by Django), read through a trigram index to suggest the closest
    known word for a query word that matches nothing. It may hold words of documents a user cannot
    see: a correction is only shown when the corrected search finds something the user may read.
    """

    word = models.CharField(_("mot"), max_length=60, primary_key=True)

    class Meta:
        verbose_name = _("mot indexé")
        verbose_name_plural = _("mots indexés")

    def __str__(self) -> str:
        return self.word
