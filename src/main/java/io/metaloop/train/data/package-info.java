/**
 * Data sets for the inner trainer: IDX (MNIST) and CSV readers, the built-in UCI digits,
 * Fashion-MNIST by name, seeded stratified splits and normalisation.
 *
 * <p>Start at {@link io.metaloop.train.data.Datasets#load}. It returns
 * {@link io.metaloop.train.data.DataSplits}, whose {@code training()} part (train and
 * validation, a {@link io.metaloop.train.data.TrainingData}) is all a search may see; the test
 * set is reached only through the separate {@code DataSplits.test()} call made when the final
 * configuration is evaluated. Errors are {@link io.metaloop.train.data.DataException}s whose
 * messages name the file, line and column.
 */
package io.metaloop.train.data;
