package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

@Entity
@Table(name = "LISTS", indexes = @Index(name = "LISTS_ROOM", columnList = "ROOMID"))
class ListRow {
    @Id
    String name;
    String roomId;
    String language;
    long createdAt;

    protected ListRow() {
    }
}
