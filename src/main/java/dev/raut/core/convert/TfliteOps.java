package dev.raut.core.convert;

/** Names of TFLite's builtin operator codes (the schema's BuiltinOperator enum), for messages. */
final class TfliteOps {
  static final int ADD = 0;
  static final int AVERAGE_POOL_2D = 1;
  static final int CONCATENATION = 2;
  static final int CONV_2D = 3;
  static final int DEPTHWISE_CONV_2D = 4;
  static final int DEQUANTIZE = 6;
  static final int FULLY_CONNECTED = 9;
  static final int LOGISTIC = 14;
  static final int MAX_POOL_2D = 17;
  static final int MUL = 18;
  static final int RELU = 19;
  static final int RELU_N1_TO_1 = 20;
  static final int RELU6 = 21;
  static final int RESHAPE = 22;
  static final int SOFTMAX = 25;
  static final int TANH = 28;
  static final int CUSTOM = 32;
  static final int PAD = 34;
  static final int MEAN = 40;
  static final int SUB = 41;
  static final int DIV = 42;
  static final int SQUEEZE = 43;
  static final int PADV2 = 60;
  static final int LEAKY_RELU = 98;
  static final int QUANTIZE = 114;
  static final int HARD_SWISH = 117;

  private static final String[] NAMES = {"ADD", "AVERAGE_POOL_2D", "CONCATENATION", "CONV_2D", "DEPTHWISE_CONV_2D",
      "DEPTH_TO_SPACE", "DEQUANTIZE", "EMBEDDING_LOOKUP", "FLOOR", "FULLY_CONNECTED", "HASHTABLE_LOOKUP",
      "L2_NORMALIZATION", "L2_POOL_2D", "LOCAL_RESPONSE_NORMALIZATION", "LOGISTIC", "LSH_PROJECTION", "LSTM",
      "MAX_POOL_2D", "MUL", "RELU", "RELU_N1_TO_1", "RELU6", "RESHAPE", "RESIZE_BILINEAR", "RNN", "SOFTMAX",
      "SPACE_TO_DEPTH", "SVDF", "TANH", "CONCAT_EMBEDDINGS", "SKIP_GRAM", "CALL", "CUSTOM", "EMBEDDING_LOOKUP_SPARSE",
      "PAD", "UNIDIRECTIONAL_SEQUENCE_RNN", "GATHER", "BATCH_TO_SPACE_ND", "SPACE_TO_BATCH_ND", "TRANSPOSE", "MEAN",
      "SUB", "DIV", "SQUEEZE", "UNIDIRECTIONAL_SEQUENCE_LSTM", "STRIDED_SLICE", "BIDIRECTIONAL_SEQUENCE_RNN", "EXP",
      "TOPK_V2", "SPLIT", "LOG_SOFTMAX", "DELEGATE", "BIDIRECTIONAL_SEQUENCE_LSTM", "CAST", "PRELU", "MAXIMUM",
      "ARG_MAX", "MINIMUM", "LESS", "NEG", "PADV2", "GREATER", "GREATER_EQUAL", "LESS_EQUAL", "SELECT", "SLICE", "SIN",
      "TRANSPOSE_CONV", "SPARSE_TO_DENSE", "TILE", "EXPAND_DIMS", "EQUAL", "NOT_EQUAL", "LOG", "SUM", "SQRT", "RSQRT",
      "SHAPE", "POW", "ARG_MIN", "FAKE_QUANT", "REDUCE_PROD", "REDUCE_MAX", "PACK", "LOGICAL_OR", "ONE_HOT",
      "LOGICAL_AND", "LOGICAL_NOT", "UNPACK", "REDUCE_MIN", "FLOOR_DIV", "REDUCE_ANY", "SQUARE", "ZEROS_LIKE", "FILL",
      "FLOOR_MOD", "RANGE", "RESIZE_NEAREST_NEIGHBOR", "LEAKY_RELU", "SQUARED_DIFFERENCE", "MIRROR_PAD", "ABS",
      "SPLIT_V", "UNIQUE", "CEIL", "REVERSE_V2", "ADD_N", "GATHER_ND", "COS", "WHERE", "RANK", "ELU",
      "REVERSE_SEQUENCE", "MATRIX_DIAG", "QUANTIZE", "MATRIX_SET_DIAG", "ROUND", "HARD_SWISH", "IF", "WHILE"};

  private TfliteOps() {}

  static String name(int code) {
    return code >= 0 && code < NAMES.length ? NAMES[code] : "builtin operator " + code;
  }
}
