/**
 * Published R data sets used as test oracles (values typed from R's datasets package; airquality Ozone
 * cross-checked against two independent CSV exports of the data set).
 */

/** R datasets::PlantGrowth, weight by group (Dobson 1983). */
export const PLANT_GROWTH = {
  ctrl: [4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14],
  trt1: [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69],
  trt2: [6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15, 5.80, 5.26],
};

/** R datasets::airquality, Ozone (ppb) by Month with the 37 NA values removed (116 values). */
export const AIRQUALITY_OZONE_BY_MONTH = {
  5: [41, 36, 12, 18, 28, 23, 19, 8, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, 23, 45, 115, 37],
  6: [29, 71, 39, 23, 21, 37, 20, 12, 13],
  7: [135, 49, 32, 64, 40, 77, 97, 97, 85, 10, 27, 7, 48, 35, 61, 79, 63, 16, 80, 108, 20, 52, 82, 50, 64, 59],
  8: [39, 9, 16, 78, 35, 66, 122, 89, 110, 44, 28, 65, 22, 59, 23, 31, 44, 21, 9, 45, 168, 73, 76, 118, 84, 85],
  9: [96, 78, 73, 91, 47, 32, 20, 23, 21, 24, 44, 21, 28, 9, 13, 46, 18, 13, 24, 16, 13, 23, 36, 7, 14, 30, 14, 18, 20],
};
