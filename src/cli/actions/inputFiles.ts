import { readDataset, type Dataset } from "../../net/dataset.js";
import { networkShape, type Network } from "../../net/network.js";
import { readNetwork } from "../../net/readNetwork.js";
import { readTextFile } from "../../io/readTextFile.js";

/** Reads and validates a network file. */
export function readNetworkFile(path: string): Network<string> {
  return readNetwork(readTextFile(path), path);
}

/** Reads a data CSV whose width must fit the network: d inputs then e targets. */
export function readDatasetFor(path: string, net: Network<string>): Dataset<string> {
  const { d, e } = networkShape(net);
  return readDataset(readTextFile(path), d, e, path);
}
