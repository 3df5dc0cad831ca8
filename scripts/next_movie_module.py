"""PyTorch reference of movierec's next-movie transformer (SASRec-style).

A user's history is a left-padded sequence of movie indices (1..V, 0 = PAD) so that the
newest movie always sits in the last slot. Each slot's hidden state, read through the
(optionally tied) output layer, scores every movie as the next one.

Module and attribute names fix the state_dict keys that movierec's model file uses under
the `sequence.` prefix:

    movie_embeddings.weight        [V+1, d]   (row 0 = PAD, kept at zero)
    rating_embeddings.weight       [6, d]     (only with useRatings; index = star rating 1..5, 0 = PAD)
    position_embeddings.weight     [S, d]     (slot 0..S-1)
    encoder.layers.{l}.*           pre-norm TransformerEncoderLayer (GELU, batch_first)
    encoder.norm.weight / .bias    final LayerNorm
    output.weight                  [V+1, d]   (only without tiedOutput)
    output.bias                    [V+1]
"""
import torch
from torch import nn

DEFAULTS = {"sequenceLength": 50, "embeddingSize": 64, "heads": 2, "feedForwardSize": 256, "layers": 2,
            "dropout": 0.2, "useRatings": True, "tiedOutput": True}


class OutputBias(nn.Module):
    """The tied output layer's only own parameter: one bias per movie index (PAD included)."""

    def __init__(self, size):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(size))


class NextMovieTransformer(nn.Module):
    def __init__(self, movie_count, sequence_length=50, embedding_size=64, heads=2, feed_forward_size=256,
                 layers=2, dropout=0.2, use_ratings=True, tied_output=True, embedding_std=0.02):
        super().__init__()
        self.movie_count = movie_count
        self.sequence_length = sequence_length
        self.heads = heads
        self.use_ratings = use_ratings
        self.tied_output = tied_output
        self.movie_embeddings = nn.Embedding(movie_count + 1, embedding_size, padding_idx=0)
        if use_ratings:
            self.rating_embeddings = nn.Embedding(6, embedding_size, padding_idx=0)
        self.position_embeddings = nn.Embedding(sequence_length, embedding_size)
        self.dropout = nn.Dropout(dropout)
        layer = nn.TransformerEncoderLayer(embedding_size, heads, feed_forward_size, dropout, activation="gelu",
                                           batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, norm=nn.LayerNorm(embedding_size),
                                             enable_nested_tensor=False)
        # Embeddings start N(0, embedding_std²), as movierec initialises them (nn.Embedding's own
        # N(0, 1) is embedding_std=1): tied to the output, unit rows give logits of standard
        # deviation √d and a first loss near 27 against ln V ≈ 7.4.
        tables = [self.movie_embeddings, self.position_embeddings]
        if use_ratings:
            tables.append(self.rating_embeddings)
        with torch.no_grad():
            for table in tables:
                table.weight.normal_(0, embedding_std)
                if table.padding_idx is not None:
                    table.weight[table.padding_idx].zero_()
        if tied_output:
            self.output = OutputBias(movie_count + 1)
        else:
            self.output = nn.Linear(embedding_size, movie_count + 1)
            with torch.no_grad():
                self.output.bias.zero_()

    def attention_mask(self, movies):
        """Boolean [B*heads, S, S], True = not allowed: query slot t sees key slot j iff j <= t and
        the key is a movie or is t itself (a PAD query attends to itself, so no row is empty)."""
        size = movies.shape[1]
        causal = torch.ones(size, size, dtype=torch.bool, device=movies.device).tril()
        itself = torch.eye(size, dtype=torch.bool, device=movies.device)
        allowed = causal & ((movies != 0).unsqueeze(1) | itself)
        return (~allowed).repeat_interleave(self.heads, dim=0)

    def forward(self, movies, ratings=None):
        """movies [B, S] long (left-padded with 0), ratings [B, S] long (0 at PAD) → hidden [B, S, d]."""
        positions = torch.arange(movies.shape[1], device=movies.device)
        x = self.movie_embeddings(movies)
        if self.use_ratings:
            x = x + self.rating_embeddings(ratings)
        x = x + self.position_embeddings(positions)
        return self.encoder(self.dropout(x), mask=self.attention_mask(movies))

    def scores(self, hidden):
        """Next-movie scores [..., V+1] of hidden states [..., d]; the PAD column is -inf."""
        weight = self.movie_embeddings.weight if self.tied_output else self.output.weight
        logits = hidden @ weight.T + self.output.bias
        pad = torch.zeros(logits.shape[-1], dtype=torch.bool, device=logits.device)
        pad[0] = True
        return logits.masked_fill(pad, float("-inf"))

    def loss(self, movies, ratings, targets, exclude_seen=False):
        """Mean full-softmax cross-entropy over the slots with a target (targets [B, S], 0 = none).
        With exclude_seen, the movies a window holds up to a slot (the target aside) are left
        out of that slot's softmax: a user rates a movie once, so they are never next."""
        logits = self.scores(self(movies, ratings))
        if exclude_seen:
            size = movies.shape[1]
            upto = torch.ones(size, size, dtype=torch.bool, device=movies.device).tril()  # [slot, earlier]
            seen = torch.zeros(logits.shape, dtype=torch.bool, device=movies.device)
            index = movies.unsqueeze(1).expand(-1, size, -1)                               # [B, slot, earlier]
            mask = upto.unsqueeze(0) & (index != 0) & (index != targets.unsqueeze(2))
            seen.scatter_(2, torch.where(mask, index, torch.zeros_like(index)), mask)
            seen[..., 0] = False
            logits = logits.masked_fill(seen, float("-inf"))
        return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                                           ignore_index=0)


def from_config(config, embedding_std=0.02):
    """Builds the module from movierec's configuration JSON (its field names; defaults as DEFAULTS)."""
    c = {**DEFAULTS, **config}
    return NextMovieTransformer(
        c["movieCount"], sequence_length=c["sequenceLength"], embedding_size=c["embeddingSize"], heads=c["heads"],
        feed_forward_size=c["feedForwardSize"], layers=c["layers"], dropout=c["dropout"],
        use_ratings=c["useRatings"], tied_output=c["tiedOutput"], embedding_std=embedding_std)
