"""The reference notebook's BstTransformer with every size a parameter.

Module and attribute names are the notebook's, so state_dict keys match movierec's
transformer tensors one for one. With the default sizes and use_ratings/use_user_features
this is exactly the notebook's second (ratings) or third (user features) model; with
use_ratings=False it is its first model (positions on every token, no rating embedding).
"""
import torch
from torch import nn


class BstTransformer(nn.Module):
    def __init__(self, movies_num_unique, users_num_unique, sequence_length=10, embedding_size=120,
                 num_transformer_layers=1, ratings_range=(0.5, 5.5), heads=12, feed_forward=2048,
                 hidden=(1024, 512, 256), hidden_dropout_after=1, use_ratings=True, use_user_features=False,
                 gender=(3, 2), age_group=(8, 4), occupation=(22, 11), encoder_dropout=0.1, hidden_dropout=0.2):
        super().__init__()
        self.sequence_length = sequence_length
        self.y_range = ratings_range
        self.use_ratings = use_ratings
        self.use_user_features = use_user_features
        self.movies_embeddings = nn.Embedding(movies_num_unique + 1, embedding_size, padding_idx=0)
        self.user_embeddings = nn.Embedding(users_num_unique + 1, embedding_size)
        if use_ratings:
            self.ratings_embeddings = nn.Embedding(6, embedding_size, padding_idx=0)
        self.position_embeddings = nn.Embedding(sequence_length, embedding_size)
        extra = 0
        if use_user_features:
            self.sex_embeddings = nn.Embedding(*gender)
            self.occupation_embeddings = nn.Embedding(*occupation)
            self.age_group_embeddings = nn.Embedding(*age_group)
            extra = gender[1] + age_group[1] + occupation[1]
        self.encoder = nn.TransformerEncoder(
            encoder_layer=nn.TransformerEncoderLayer(
                d_model=embedding_size, nhead=heads, dim_feedforward=feed_forward, dropout=encoder_dropout,
                batch_first=True, activation="gelu"),
            num_layers=num_transformer_layers, enable_nested_tensor=False)
        layers = []
        width = embedding_size + embedding_size * sequence_length + extra
        for i, h in enumerate(hidden):
            layers += [nn.Linear(width, h), nn.BatchNorm1d(h), nn.Mish()]
            if i == hidden_dropout_after:
                layers.append(nn.Dropout(hidden_dropout))
            width = h
        layers += [nn.Linear(width, 1), nn.Sigmoid()]
        self.linear = nn.Sequential(*layers)

    def forward(self, movie_ids, ratings, user_id, features=None):
        """movie_ids (B, S) with PAD 0, ratings (B, S-1), user_id (B), features (B, 3) or None."""
        mask = movie_ids == 0
        user_features = self.user_embeddings(user_id)
        if self.use_user_features:
            sex = self.sex_embeddings(features[:, 0])
            age_group = self.age_group_embeddings(features[:, 1])
            occupation = self.occupation_embeddings(features[:, 2])
            user_features = torch.cat((user_features, sex, age_group, occupation), 1)
        if self.use_ratings:
            positions = self.position_embeddings(torch.arange(self.sequence_length - 1))
            history = self.movies_embeddings(movie_ids[:, :-1]) + self.ratings_embeddings(ratings) + positions
            target = self.movies_embeddings(movie_ids[:, -1]).unsqueeze(1)
            tokens = torch.cat((history, target), dim=1)
        else:
            tokens = self.movies_embeddings(movie_ids) + self.position_embeddings(torch.arange(self.sequence_length))
        encoded = torch.flatten(self.encoder(tokens, src_key_padding_mask=mask), start_dim=1)
        rating = self.linear(torch.cat((encoded, user_features), dim=1)).squeeze(-1)
        return rating * (self.y_range[1] - self.y_range[0]) + self.y_range[0]


def from_config(config):
    """Builds the module from movierec's TransformerConfig JSON (its Codable field names)."""
    return BstTransformer(
        config["movieCount"], config["userCount"], sequence_length=config["sequenceLength"],
        embedding_size=config["embeddingSize"], num_transformer_layers=config["layers"],
        ratings_range=(config["ratingLow"], config["ratingHigh"]), heads=config["heads"],
        feed_forward=config["feedForwardSize"], hidden=tuple(config["hiddenSizes"]),
        hidden_dropout_after=config["hiddenDropoutAfter"], use_ratings=config["useRatings"],
        use_user_features=config["useUserFeatures"],
        gender=(config["genderCount"], config["genderSize"]),
        age_group=(config["ageGroupCount"], config["ageGroupSize"]),
        occupation=(config["occupationCount"], config["occupationSize"]),
        encoder_dropout=config["encoderDropout"], hidden_dropout=config["hiddenDropout"])
