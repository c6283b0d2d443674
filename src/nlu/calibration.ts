/**
 * Temperature scaling (Guo et al., 2017): one number per classifier, fitted on held-out predictions, that softens
 * or sharpens its probabilities so that "0.8" is right about 80 % of the time. It divides the log-probabilities, so
 * the ranking of labels never changes — only how sure the model says it is.
 */

/** Probabilities raised to 1/temperature and renormalised, in place (a softmax of logits / temperature). */
export function applyTemperature(probabilities: Float64Array, temperature: number): Float64Array {
  if (temperature === 1) return probabilities;
  let highest = -Infinity;
  for (const value of probabilities) if (value > 0) highest = Math.max(highest, Math.log(value));
  let total = 0;
  for (let index = 0; index < probabilities.length; index += 1) {
    const value = probabilities[index]!;
    probabilities[index] = value > 0 ? Math.exp((Math.log(value) - highest) / temperature) : 0;
    total += probabilities[index]!;
  }
  for (let index = 0; index < probabilities.length; index += 1) probabilities[index]! /= total;
  return probabilities;
}

export type Calibrating = { probabilities: Float64Array; expected: number };

/**
 * The temperature that minimises the negative log-likelihood of the expected labels, by golden-section search over
 * log temperature in [1/20, 20] (the likelihood is unimodal in it).
 */
export function fitTemperature(held: readonly Calibrating[]): number {
  if (held.length === 0) return 1;
  const logs = held.map(({ probabilities }) => Float64Array.from(probabilities, (value) => Math.log(Math.max(value, 1e-12))));
  const loss = (logTemperature: number) => {
    const temperature = Math.exp(logTemperature);
    let total = 0;
    held.forEach(({ expected }, row) => {
      const values = logs[row]!;
      let highest = -Infinity;
      for (const value of values) highest = Math.max(highest, value / temperature);
      let sum = 0;
      for (const value of values) sum += Math.exp(value / temperature - highest);
      total -= values[expected]! / temperature - highest - Math.log(sum);
    });
    return total / held.length;
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(1 / 20);
  let high = Math.log(20);
  let left = high - ratio * (high - low);
  let right = low + ratio * (high - low);
  let leftLoss = loss(left);
  let rightLoss = loss(right);
  for (let round = 0; round < 40; round += 1) {
    if (leftLoss < rightLoss) {
      high = right;
      right = left;
      rightLoss = leftLoss;
      left = high - ratio * (high - low);
      leftLoss = loss(left);
    } else {
      low = left;
      left = right;
      leftLoss = rightLoss;
      right = low + ratio * (high - low);
      rightLoss = loss(right);
    }
  }
  return Math.round(Math.exp((low + high) / 2) * 1000) / 1000;
}

/**
 * Expected calibration error: the best label's confidence against how often it is right, in 15 equal-width bins,
 * weighted by how many predictions fall in each.
 */
export function calibrationError(predictions: readonly { confidence: number; right: boolean }[], bins = 15): number {
  if (predictions.length === 0) return 0;
  const confidence = new Float64Array(bins);
  const right = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (const prediction of predictions) {
    const bin = Math.min(bins - 1, Math.floor(prediction.confidence * bins));
    confidence[bin]! += prediction.confidence;
    right[bin]! += prediction.right ? 1 : 0;
    count[bin]! += 1;
  }
  let error = 0;
  for (let bin = 0; bin < bins; bin += 1) if (count[bin]! > 0) error += Math.abs(confidence[bin]! - right[bin]!);
  return error / predictions.length;
}

/**
 * Held-out predictions calibrated without looking at themselves: each fold's probabilities scaled by the temperature
 * fitted on the other folds' predictions. What `npm run eval` reports the calibration error of.
 */
export function crossFitted<Prediction extends Calibrating & { fold: number }>(predictions: readonly Prediction[]): { temperature: number; predictions: Prediction[] } {
  const folds = [...new Set(predictions.map((prediction) => prediction.fold))];
  const temperatures = new Map(folds.map((fold) => [fold, fitTemperature(predictions.filter((prediction) => prediction.fold !== fold))]));
  return {
    temperature: fitTemperature(predictions),
    predictions: predictions.map((prediction) => ({ ...prediction, probabilities: applyTemperature(Float64Array.from(prediction.probabilities), temperatures.get(prediction.fold)!) })),
  };
}
