package io.segstream.streams.topology;

/** An erasure request for the record's key (the user id); the request's value carries no meaning. */
record UserDeletion() {
  static final UserDeletion INSTANCE = new UserDeletion();
}
