package io.metaloop.storage;

/** The storage contract on the in-memory reference implementation. */
class InMemoryStorageTest extends StorageContractTest {

    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}
